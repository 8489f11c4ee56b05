using System.Diagnostics;
using System.Text;
using Microsoft.CodeAnalysis;
using static TestGate.Analysis.Tests.SourceTree;

namespace TestGate.Analysis.Tests;

/// <summary>
/// Reading and parsing real files: broken, oddly encoded, generated, unreadable. One bad file must never cost the
/// others, and every file that is not read must be either generated on purpose or reported with a reason.
/// </summary>
[Trait("Category", "Integration")]
public sealed class SourceReaderTests : IDisposable
{
    private readonly SourceTree tree = new();

    public void Dispose() => tree.Dispose();

    // ---- syntax errors -------------------------------------------------------------------------------------

    [Fact]
    public void A_type_whose_closing_brace_is_missing_is_still_found_and_its_file_is_not_unreadable()
    {
        var path = tree.Write("Order.cs", """
            namespace Shop.Domain;

            public class Order
            {
                public decimal Total() => 42m;
            """);

        var parsed = Parse(Production(path));
        var types = ProductionTypeScanner.Scan(parsed.Trees);

        Assert.Empty(parsed.Unreadable);
        Assert.Contains(parsed.Trees.Single().Tree.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);
        var order = Single(types, "Shop.Domain.Order");
        Assert.True(order.HasCode);
        Assert.Equal(3, order.Line);
    }

    [Fact]
    public void Known_limit_a_type_after_an_unclosed_method_is_folded_into_the_type_before_it()
    {
        // The parser recovers by closing the method at 'public class', which makes Invoice a member of Order.
        // Such a file does not compile, so the gate never decides over it in a real 'dotnet test' run.
        var path = tree.Write("Broken.cs", """
            namespace Shop.Domain;
            public class Order
            {
                public void Place()
                {
                    var x = 1;

            public class Invoice { public int Number() => 7; }
            """);

        var types = Types(Production(path));

        Assert.Equal(["Shop.Domain.Order"], types.Select(t => t.FullName));
        Assert.True(types[0].HasCode);
    }

    [Fact]
    public void A_type_without_a_name_is_not_invented_and_the_rest_of_the_file_still_counts()
    {
        var path = tree.Write("Nameless.cs", """
            namespace Shop.Domain;
            public class { public void M() { } }
            public class Customer { public string Greet() => "hi"; }
            """);

        var types = Types(Production(path));

        Assert.Equal(["Shop.Domain.Customer"], types.Select(t => t.FullName));
    }

    [Fact]
    public void A_namespace_without_a_name_leaves_no_leading_dot()
    {
        var path = tree.Write("NoNamespaceName.cs", "namespace { public class Stray { public void M() { } } }");

        var types = Types(Production(path));

        Assert.Equal(["Stray"], types.Select(t => t.FullName));
    }

    [Fact]
    public void Garbage_and_pathologically_deep_expressions_do_not_crash_and_do_not_hide_other_files()
    {
        var garbage = tree.Write("Garbage.cs", "}}}} class ((( namespace ;;; record { enum @ \"unterminated");
        var deep = tree.Write("Deep.cs",
            "public class Deep { public int M() => " + new string('(', 5000) + "1" + new string(')', 5000) + "; }\n" +
            "public class AfterDeep { public int N() => 2; }\n");
        var fine = tree.Write("Fine.cs", "namespace Shop.Domain; public class Fine { public int M() => 1; }");

        var parsed = Parse(Production(garbage), Production(deep), Production(fine));
        var types = ProductionTypeScanner.Scan(parsed.Trees);

        Assert.Empty(parsed.Unreadable);
        Assert.Equal(3, parsed.Trees.Count);
        Assert.Equal(["AfterDeep", "Deep", "Shop.Domain.Fine"], types.Select(t => t.FullName));
        Assert.True(Single(types, "Shop.Domain.Fine").HasCode);
    }

    // ---- preprocessor -------------------------------------------------------------------------------------

    [Fact]
    public void Known_limit_no_preprocessor_symbol_is_defined_so_the_else_branch_of_DEBUG_and_framework_checks_counts()
    {
        // The reader does not know the build's DefineConstants: DEBUG, TRACE, NET8_0_OR_GREATER, ... are all
        // undefined. Types only under such a symbol are missing from the inventory; #else branches are read.
        var path = tree.Write("Conditional.cs", """
            namespace Shop.Domain;
            #if DEBUG
            public class OnlyInDebug { public void M() { } }
            #else
            public class OnlyInRelease { public void M() { } }
            #endif
            #if TRACE
            public class Traced { public void M() { } }
            #endif
            #if NET8_0_OR_GREATER
            public class Modern { public void M() { } }
            #elif NETSTANDARD2_0
            public class Legacy { public void M() { } }
            #else
            public class Fallback { public void M() { } }
            #endif
            #if !SOME_UNDEFINED_SYMBOL
            public class Negated { public void M() { } }
            #endif
            """);

        var parsed = Parse(Production(path));
        var types = ProductionTypeScanner.Scan(parsed.Trees);

        Assert.Empty(parsed.Trees.Single().Tree.Options.PreprocessorSymbolNames);
        Assert.Equal(
            ["Shop.Domain.Fallback", "Shop.Domain.Negated", "Shop.Domain.OnlyInRelease"],
            types.Select(t => t.FullName));
    }

    [Fact]
    public void Symbols_defined_in_the_file_itself_are_honoured_and_members_under_undefined_symbols_do_not_make_code()
    {
        var path = tree.Write("Defined.cs", """
            #define FEATURE_PRICING
            namespace Shop.Domain;
            #if FEATURE_PRICING
            public class Pricing { public decimal Price() => 1m; }
            #endif
            public class Settings
            {
                public int Retries { get; set; }
            #if EXPERIMENTAL
                public int Compute() => Retries * 2;
            #endif
            }
            """);

        var types = Types(Production(path));

        Assert.True(Single(types, "Shop.Domain.Pricing").HasCode);
        Assert.False(Single(types, "Shop.Domain.Settings").HasCode);
    }

    // ---- encodings ----------------------------------------------------------------------------------------

    [Fact]
    public void Utf8_with_bom_is_read_and_the_bom_does_not_shift_names_or_lines()
    {
        var path = tree.Write("Bom.cs", "namespace Shop.Domain;\npublic class Bestellungsprüfung { public bool Prüfe() => true; }\n",
            new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        Assert.Equal(0xEF, File.ReadAllBytes(path)[0]);
        var type = Single(Types(Production(path)), "Shop.Domain.Bestellungsprüfung");
        Assert.Equal(2, type.Line);
        Assert.True(type.HasCode);
    }

    [Theory]
    [InlineData("utf-16LE")]
    [InlineData("utf-16BE")]
    public void Utf16_with_bom_is_read(string encodingName)
    {
        var encoding = encodingName == "utf-16LE" ? new UnicodeEncoding(bigEndian: false, byteOrderMark: true) : new UnicodeEncoding(bigEndian: true, byteOrderMark: true);
        var path = tree.Write("Utf16.cs", "namespace Shop.Domain;\n\npublic class Bestellungsprüfung { public bool Prüfe() => true; }\n", encoding);

        var type = Single(Types(Production(path)), "Shop.Domain.Bestellungsprüfung");

        Assert.Equal(3, type.Line);
        Assert.True(type.HasCode);
    }

    [Fact]
    public void Unicode_and_escaped_identifiers_get_the_names_the_compiler_gives_them()
    {
        var path = tree.Write("Unicode.cs", """
            namespace Shop.Domäne.注文;
            public class Bestellungsprüfung { public bool Prüfe() => true; }
            public class 注文処理 { public int 処理() => 1; }
            public class @event { public void Raise() { } }
            public class \u0041udit { public void Log() { } }
            """);

        var types = Types(Production(path));

        Assert.Equal(
            ["Shop.Domäne.注文.Audit", "Shop.Domäne.注文.Bestellungsprüfung", "Shop.Domäne.注文.event", "Shop.Domäne.注文.注文処理"],
            types.Select(t => t.FullName));
    }

    [Fact]
    public void A_latin1_file_with_bytes_that_are_not_utf8_is_read_like_the_compiler_reads_it()
    {
        // 0xFC is 'ü' in Windows-1252 and invalid in UTF-8. The compiler falls back to the ANSI code page, so the
        // coverage report names the type Bestellungsprüfung; the inventory must name it the same.
        var path = tree.WriteBytes("Latin1.cs", Encoding.Latin1.GetBytes(
            "// Prüfung der Bestellung\nnamespace Shop.Domain;\npublic class Bestellungsprüfung { public bool Prüfe() => true; }\n"));

        var parsed = Parse(Production(path));
        var types = ProductionTypeScanner.Scan(parsed.Trees);

        Assert.Empty(parsed.Unreadable);
        var type = Assert.Single(types);
        Assert.Equal("Shop.Domain.Bestellungsprüfung", type.FullName);
        Assert.Equal(3, type.Line);
        Assert.True(type.HasCode);
    }

    [Fact]
    public void A_binary_file_named_cs_is_read_without_crashing_and_yields_nothing()
    {
        var binary = tree.WriteBytes("Binary.cs", [0x00, 0x01, 0xFF, 0xFE, 0x00, 0x80, 0x81, 0xC3, 0x28, 0x00, 0x7F, 0xF0, 0x9F]);
        var fine = tree.Write("Fine.cs", "namespace Shop.Domain; public class Fine { public int M() => 1; }");

        var parsed = Parse(Production(binary), Production(fine));

        Assert.Empty(parsed.Unreadable);
        Assert.Equal(["Shop.Domain.Fine"], ProductionTypeScanner.Scan(parsed.Trees).Select(t => t.FullName));
    }

    // ---- generated code -----------------------------------------------------------------------------------

    [Fact]
    public void A_huge_auto_generated_file_is_skipped_quickly()
    {
        var generated = new StringBuilder("// <auto-generated>\n//     This code was generated by a tool.\n// </auto-generated>\nnamespace Shop.Domain.Generated;\n");
        for (var i = 0; i < 50_000 / 2; i++)
        {
            generated.Append("public class Generated").Append(i).Append(" { public int M() => ").Append(i).Append("; }\n\n");
        }

        var huge = tree.Write("Huge.cs", generated.ToString());
        var fine = tree.Write("Fine.cs", "namespace Shop.Domain; public class Fine { public int M() => 1; }");
        Assert.True(File.ReadAllLines(huge).Length >= 50_000);

        var clock = Stopwatch.StartNew();
        var parsed = Parse(Production(huge), Production(fine));
        clock.Stop();

        Assert.Equal([fine], parsed.Paths);
        Assert.Empty(parsed.Unreadable);
        // Parsing 50k lines takes far longer on a slow machine; reading and checking the header takes milliseconds.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"skipping took {clock.Elapsed}");
    }

    [Fact]
    public void Generated_names_and_obj_files_are_skipped_by_path_without_being_opened()
    {
        // None of these exist: were they opened, they would be reported unreadable.
        string[] generated =
        [
            tree.PathOf("Shop.Domain/obj/Debug/net8.0/Shop.Domain.AssemblyInfo.cs"),
            tree.PathOf("Shop.Domain/obj/Debug/net8.0/Anything.cs"),
            tree.PathOf("Shop.Domain/Resources.Designer.cs"),
            tree.PathOf("Shop.Domain/Mapper.g.cs"),
            tree.PathOf("Shop.Domain/View.g.i.cs"),
            tree.PathOf("Shop.Domain/Client.generated.cs"),
        ];

        var parsed = Parse(generated.Select(p => Production(p)));

        Assert.Empty(parsed.Trees);
        Assert.Empty(parsed.Unreadable);
    }

    [Fact]
    public void A_real_g_cs_file_and_a_real_obj_file_are_skipped_but_a_source_generator_quoting_the_header_is_not()
    {
        var gcs = tree.Write("Shop.Domain/Mapper.g.cs", "namespace Shop.Domain; public class Mapper { public int Map() => 1; }");
        var obj = tree.Write("Shop.Domain/obj/Debug/net8.0/Shop.Domain.GlobalUsings.g.cs", "global using System;");
        var objPlain = tree.Write("Shop.Domain/obj/Razor.cs", "namespace Shop.Domain; public class RazorView { public int Render() => 1; }");
        var generator = tree.Write("Shop.Domain/OrderGenerator.cs", """
            namespace Shop.Domain;
            public class OrderGenerator
            {
                private const string Header = "// <auto-generated/>";
                public string Emit(string body) => Header + "\n" + body;
            }
            """);

        var parsed = Parse(Production(gcs), Production(obj), Production(objPlain), Production(generator));

        Assert.Equal([generator], parsed.Paths);
        Assert.True(Single(ProductionTypeScanner.Scan(parsed.Trees), "Shop.Domain.OrderGenerator").HasCode);
    }

    [Theory]
    [InlineData("// <auto-generated/>\nnamespace Shop.Domain; public class Gen { public int M() => 1; }")]
    [InlineData("#pragma warning disable\n// <auto-generated>\n// </auto-generated>\npublic class Gen { public int M() => 1; }")]
    [InlineData("/* <auto-generated> by NSwag </auto-generated> */\npublic class Gen { public int M() => 1; }")]
    [InlineData("//------\n// <AUTO-GENERATED>\n//------\n#nullable enable\npublic class Gen { public int M() => 1; }")]
    public void Auto_generated_headers_in_their_usual_forms_are_skipped(string text)
    {
        var path = tree.Write("Gen.cs", text);

        var parsed = Parse(Production(path));

        Assert.Empty(parsed.Trees);
        Assert.Empty(parsed.Unreadable);
    }

    [Fact]
    public void Known_limit_the_header_counts_only_in_the_first_2048_characters()
    {
        var path = tree.Write("LateHeader.cs", "// " + new string('-', 2100) + "\n// <auto-generated/>\npublic class Late { public int M() => 1; }");

        Assert.Equal(["Late"], Types(Production(path)).Select(t => t.FullName));
    }

    // ---- unreadable files ---------------------------------------------------------------------------------

    [Fact]
    public void A_missing_file_a_directory_and_a_locked_file_are_reported_with_reasons_and_the_others_are_parsed()
    {
        var missing = tree.PathOf("Shop.Domain/Deleted.cs");
        var directory = tree.PathOf("Shop.Domain/Folder.cs");
        Directory.CreateDirectory(directory);
        var missingDirectory = tree.PathOf("Gone/Away.cs");
        var locked = tree.Write("Shop.Domain/Locked.cs", "public class Locked { public void M() { } }");
        var fine = tree.Write("Shop.Domain/Fine.cs", "namespace Shop.Domain; public class Fine { public int M() => 1; }");

        Parsed parsed;
        using (new FileStream(locked, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
        {
            parsed = Parse(Production(missing), Production(directory), Production(missingDirectory), Production(locked), Production(fine));
        }

        Assert.Equal([fine], parsed.Paths);
        Assert.Equal(new[] { missingDirectory, directory, locked, missing }.Order(StringComparer.Ordinal), parsed.Unreadable.Select(u => u.Path));
        Assert.All(parsed.Unreadable, u => Assert.False(string.IsNullOrWhiteSpace(u.Reason)));
        Assert.Contains("Deleted.cs", parsed.Unreadable.Single(u => u.Path == missing).Reason);
        Assert.Contains("directory", parsed.Unreadable.Single(u => u.Path == directory).Reason);
        Assert.DoesNotContain("denied", parsed.Unreadable.Single(u => u.Path == directory).Reason);
    }

    [Fact]
    public void A_path_the_file_system_rejects_is_reported_instead_of_failing_the_whole_run()
    {
        var invalid = tree.PathOf("Bad\0Name.cs");
        var fine = tree.Write("Fine.cs", "namespace Shop.Domain; public class Fine { public int M() => 1; }");

        var parsed = Parse(Production(invalid), Production(fine));

        Assert.Equal([fine], parsed.Paths);
        var unreadable = Assert.Single(parsed.Unreadable);
        Assert.Equal(invalid, unreadable.Path);
        Assert.False(string.IsNullOrWhiteSpace(unreadable.Reason));
    }

    [Fact]
    public void Files_that_are_not_cs_are_ignored_silently_and_a_path_given_twice_is_parsed_once()
    {
        var fine = tree.Write("Fine.CS", "namespace Shop.Domain; public class Fine { public int M() => 1; }");

        var parsed = Parse(
            Production(fine), Production(fine, "Shop.Other"),
            Production(tree.PathOf("README.md")), Production(tree.PathOf("Legacy.vb")), Production(tree.PathOf("script.csx")));

        var only = Assert.Single(parsed.Trees);
        Assert.Equal(fine, only.File.Path);
        // The first SourceFile for a path wins; the build reports each path once per project.
        Assert.Equal(ProductionAssembly, only.File.Assembly);
        Assert.Empty(parsed.Unreadable);
    }

    // ---- determinism --------------------------------------------------------------------------------------

    [Fact]
    public void Results_do_not_depend_on_input_order_or_on_which_parallel_parse_finishes_first()
    {
        var files = Enumerable.Range(0, 60)
            .Select(i => Production(tree.Write(
                $"Shop.Domain/{(char)('a' + i % 7)}/Type{i:D2}.cs",
                $"namespace Shop.Domain.N{i % 5};\npublic partial class Shared {{ public int M{i}() => {i}; }}\npublic class Type{i:D2} {{ }}\n"),
                assembly: i % 2 == 0 ? "Shop.Domain" : "Shop.Application"))
            .ToArray();
        var missing = Production(tree.PathOf("Shop.Domain/zz/Missing.cs"));

        string Snapshot(IEnumerable<SourceFile> input)
        {
            var parsed = Parse(input);
            var types = ProductionTypeScanner.Scan(parsed.Trees);
            return string.Join('\n', parsed.Paths)
                + "\n--\n" + string.Join('\n', types.Select(t => $"{t.Assembly}|{t.FullName}|{t.Path}|{t.Line}|{t.HasCode}"))
                + "\n--\n" + string.Join('\n', parsed.Unreadable.Select(u => u.Path));
        }

        var expected = Snapshot(files.Append(missing));
        var random = new Random(20240611);
        for (var round = 0; round < 5; round++)
        {
            Assert.Equal(expected, Snapshot(files.Append(missing).OrderBy(_ => random.Next()).ToArray()));
        }

        Assert.Equal(expected, Snapshot(files.Reverse().Prepend(missing)));
        Assert.Equal(
            files.Select(f => f.Path).Order(StringComparer.Ordinal),
            Parse(files.Reverse()).Paths);
    }

    // ---- things that only look like source files ----------------------------------------------------------------

    [Fact]
    public void A_source_that_links_to_a_device_is_read_as_empty_instead_of_without_end()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // no /dev/zero
        }

        var device = tree.PathOf("Endless.cs");
        File.CreateSymbolicLink(device, "/dev/zero");
        var order = tree.Write("Order.cs", "namespace Shop.Domain; public class Order { }");

        var parsed = Parse(Production(device), Production(order));

        Assert.Empty(parsed.Unreadable);
        Assert.Equal(0, parsed.Trees.Single(t => t.File.Path == device).Tree.Length);
        Assert.Contains(order, parsed.Paths);
    }

    [Fact]
    public void A_source_larger_than_the_limit_is_reported_with_its_size_and_not_read()
    {
        var huge = tree.PathOf("Huge.cs");
        using (var file = File.Create(huge))
        {
            file.SetLength(AnalysisLimits.SourceFileBytes + 1); // sparse: nothing is written
        }

        var parsed = Parse(Production(huge), Production(tree.Write("Order.cs", "namespace Shop.Domain; public class Order { }")));

        var unreadable = Assert.Single(parsed.Unreadable);
        Assert.Equal(huge, unreadable.Path);
        Assert.Contains("has 64.0 MB, more than the 64 MB TestGate reads from one source file", unreadable.Reason);
        Assert.Single(parsed.Trees);
    }
}
