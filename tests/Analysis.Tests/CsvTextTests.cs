using Sweep.Analysis.Io;

namespace Sweep.Analysis.Tests;

/// <summary>The CSV reader's edge cases: quoting, line ends, blank lines, the BOM, and the line each record starts on.</summary>
[Category(Category.Unit)]
public sealed class CsvTextTests
{
    private static List<(int Line, List<string> Fields)> Parse(string text) => CsvText.Parse(text, "f.csv");

    [Fact]
    public void Quoted_fields_keep_commas_quotes_and_line_breaks_and_records_know_their_first_line()
    {
        var rows = Parse("\uFEFFa,b\r\n\"x,\"\"y\"\"\",\"two\r\nlines\"\r\n\r\nlast,\n");
        Assert.Equal(3, rows.Count);
        Assert.Equal(["a", "b"], rows[0].Fields);
        Assert.Equal(["x,\"y\"", "two\r\nlines"], rows[1].Fields);
        Assert.Equal(2, rows[1].Line);
        Assert.Equal(5, rows[2].Line); // the blank line 4 is skipped, the quoted line break counted
        Assert.Equal(["last", ""], rows[2].Fields);
    }

    [Fact]
    public void Last_record_without_a_line_end_and_text_after_a_closing_quote_are_kept()
    {
        var rows = Parse("a,b\n\"q\"r,s");
        Assert.Equal(["qr", "s"], rows[1].Fields);
        Assert.Empty(Parse(""));
        Assert.Empty(Parse("\n\n"));
    }

    [Fact]
    public void Unterminated_quote_names_the_line_the_record_starts_on()
    {
        var e = Assert.Throws<AnalysisInputException>(() => Parse("a,b\nc,\"open\nmore\n"));
        Assert.Contains("f.csv: line 2: unterminated quoted field", e.Message);
    }

    [Fact]
    public void Round_trips_through_row_escaping()
    {
        string[] fields = ["plain", "comma,inside", "quote\"inside", "line\nbreak", ""];
        var rows = Parse(CsvText.Row(fields) + "\n");
        Assert.Equal(fields, rows.Single().Fields);
    }
}
