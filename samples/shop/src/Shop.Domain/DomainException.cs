namespace Shop.Domain;

/// <summary>A business rule of the order domain was violated; the message says which one.</summary>
public sealed class DomainException : Exception
{
    public DomainException(string message)
        : base(message)
    {
    }
}
