using System.Text;
using TestGate.Core.Coverage;

namespace TestGate.Coverage.Tests;

/// <summary>Reading documents held in memory: the parser's decisions without the file system.</summary>
public class CoberturaReaderTests
{
    private static CoverageDocument Read(string xml) =>
        CoberturaReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(xml)), "coverage.xml");

    private static CoverageReadException Fails(string xml) =>
        Assert.Throws<CoverageReadException>(() => Read(xml));

    private const string TwoLines = """
        <coverage line-rate="0,96" branch-rate="1.0">
          <sources><source>/src/</source></sources>
          <packages><package name="Shop.Domain.dll"><classes>
            <class name="Shop.Domain.Order" filename="Domain/Order.cs" line-rate="1">
              <methods><method name="Pay"><lines>
                <line number="10" hits="99" branch="false" />
              </lines></method></methods>
              <lines>
                <line number="10" hits="3" branch="true" condition-coverage="50% (1/2)" />
                <line number="11" hits="0" branch="false" />
              </lines>
            </class>
          </classes></package></packages>
        </coverage>
        """;

    [Fact]
    public void Class_lines_are_authoritative_and_rate_attributes_are_ignored()
    {
        var type = Assert.Single(Read(TwoLines).Types);

        Assert.Equal("Shop.Domain.Order", type.TypeName);
        Assert.Equal("Shop.Domain", type.Assembly);
        Assert.Equal("/src/Domain/Order.cs", type.File);
        Assert.Equal(new LineHits(3, 1, 2), type.Lines[10]);
        Assert.Equal(new LineHits(0, 0, 0), type.Lines[11]);
    }

    [Fact]
    public void Method_lines_count_when_a_class_has_no_class_level_lines()
    {
        var type = Assert.Single(Read("""
            <coverage><packages><package name="A"><classes>
              <class name="A.B" filename="/a/B.cs"><methods><method name="M"><lines>
                <line number="4" hits="1" /><line number="5" hits="0" />
              </lines></method></methods></class>
            </classes></package></packages></coverage>
            """).Types);

        Assert.Equal([4, 5], type.Lines.Keys.Order());
    }

    [Fact]
    public void Nested_and_generated_classes_fold_into_their_source_type()
    {
        var type = Assert.Single(Read("""
            <coverage><packages><package name="A"><classes>
              <class name="A.Order" filename="/a/Order.cs"><lines><line number="3" hits="1" /></lines></class>
              <class name="A.Order/&lt;PayAsync&gt;d__4" filename="/a/Order.cs"><lines><line number="8" hits="0" /><line number="3" hits="0" /></lines></class>
            </classes></package></packages></coverage>
            """).Types);

        Assert.Equal("A.Order", type.TypeName);
        Assert.Equal(1, type.Lines[3].Hits);
        Assert.Equal(0, type.Lines[8].Hits);
    }

    [Fact]
    public void Windows_file_names_are_normalized()
    {
        var type = Assert.Single(Read("""
            <coverage><sources><source>C:\build\</source></sources><packages><package name="A"><classes>
              <class name="A.B" filename="C:\build\src\A\B.cs"><lines><line number="1" hits="1" /></lines></class>
            </classes></package></packages></coverage>
            """).Types);

        Assert.Equal("C:/build/src/A/B.cs", type.File);
    }

    [Fact]
    public void An_empty_coverage_element_is_a_document_without_types() =>
        Assert.Empty(Read("<coverage />").Types);

    [Fact]
    public void Huge_hit_counts_written_as_floats_still_count_as_run() =>
        Assert.True(Assert.Single(Read("""
            <coverage><packages><package name="A"><classes>
              <class name="A.B" filename="/B.cs"><lines><line number="1" hits="1.8E+19" /></lines></class>
            </classes></package></packages></coverage>
            """).Types).Lines[1].Hits > 0);

    [Fact]
    public void A_dtd_is_refused_before_any_entity_is_resolved()
    {
        var error = Fails("""
            <?xml version="1.0"?>
            <!DOCTYPE coverage [ <!ENTITY secret SYSTEM "file:///etc/passwd"> ]>
            <coverage><sources><source>&secret;</source></sources></coverage>
            """);

        Assert.Contains("DTD", error.Message);
        Assert.Contains("refuses", error.Message);
    }

    [Fact]
    public void Entity_expansion_bombs_are_refused()
    {
        var error = Fails("""
            <?xml version="1.0"?>
            <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
            <coverage><sources><source>&lol2;</source></sources></coverage>
            """);

        Assert.Contains("DTD", error.Message);
    }

    [Fact]
    public void Truncated_xml_is_reported_as_truncated_with_its_line()
    {
        var error = Fails("<coverage>\n<packages><package name=\"A\"><classes>\n<class name=\"A.B\" filename=\"/B.cs\"><lines><line number=\"1\" hits=\"1\" />");

        Assert.Contains("truncated", error.Message);
        Assert.NotNull(error.Line);
    }

    [Fact]
    public void A_document_of_another_format_is_named_as_such() =>
        Assert.Contains("root element is <CoverageSession>", Fails("<CoverageSession><Modules /></CoverageSession>").Message);

    [Theory]
    [InlineData("number=\"x\" hits=\"1\"", "invalid number attribute 'x'")]
    [InlineData("number=\"0\" hits=\"1\"", "invalid number attribute '0'")]
    [InlineData("number=\"3\" hits=\"-1\"", "invalid hits attribute '-1'")]
    [InlineData("number=\"3\"", "invalid hits attribute ''")]
    public void Invalid_line_data_is_an_error_at_its_line(string attributes, string expected)
    {
        var error = Fails($"<coverage><packages><package name=\"A\"><classes>\n<class name=\"A.B\" filename=\"/B.cs\"><lines>\n<line {attributes} /></lines></class></classes></package></packages></coverage>");

        Assert.Contains(expected, error.Message);
        Assert.Equal(3, error.Line);
    }

    [Fact]
    public void A_class_without_filename_is_an_error() =>
        Assert.Contains("no name or filename", Fails("<coverage><packages><package name=\"A\"><classes><class name=\"A.B\" /></classes></package></packages></coverage>").Message);

    [Fact]
    public void Binary_garbage_is_not_well_formed_xml()
    {
        var garbage = new byte[] { 0x00, 0xFF, 0x13, 0x37, 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A };
        var error = Assert.Throws<CoverageReadException>(() => CoberturaReader.Read(new MemoryStream(garbage), "garbage.xml"));

        Assert.Equal("garbage.xml", error.FilePath);
        Assert.DoesNotContain("   at ", error.Message);
    }
}
