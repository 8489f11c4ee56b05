using System.Globalization;

namespace Shop.Domain;

/// <summary>A non-negative amount in one ISO 4217 currency, with at most two decimal places.</summary>
public sealed record Money
{
    private Money(decimal amount, string currency)
    {
        Amount = amount;
        Currency = currency;
    }

    public decimal Amount { get; }

    public string Currency { get; }

    public bool IsZero => Amount == 0m;

    public static Money Of(decimal amount, string currency)
    {
        if (amount < 0m)
        {
            throw new DomainException($"An amount must not be negative, was {amount.ToString(CultureInfo.InvariantCulture)}.");
        }

        if (decimal.Round(amount, 2) != amount)
        {
            throw new DomainException($"An amount has at most two decimal places, was {amount.ToString(CultureInfo.InvariantCulture)}.");
        }

        if (string.IsNullOrWhiteSpace(currency) || currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper))
        {
            throw new DomainException($"'{currency}' is not an ISO 4217 currency code such as EUR.");
        }

        return new Money(amount, currency);
    }

    public static Money Zero(string currency) => Of(0m, currency);

    public Money Add(Money other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Currency != Currency)
        {
            throw new DomainException($"Cannot add {other.Currency} to {Currency}.");
        }

        return new Money(Amount + other.Amount, Currency);
    }

    public Money Multiply(int factor)
    {
        if (factor < 0)
        {
            throw new DomainException($"Cannot multiply money by a negative factor ({factor}).");
        }

        return new Money(Amount * factor, Currency);
    }

    public override string ToString() => $"{Amount.ToString("0.00", CultureInfo.InvariantCulture)} {Currency}";
}
