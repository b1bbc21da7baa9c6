using System.Text;

namespace Sweep.Analysis.Io;

/// <summary>RFC 4180 CSV: fields separated by commas, optionally quoted with "", quotes doubled inside, CRLF or LF rows.</summary>
public static class CsvText
{
    /// <summary>Parses every record; each record carries the 1-based line it starts on. Blank lines are skipped; CR is
    /// dropped outside quotes. Linear in the text: unquoted fields are cut out whole (vectorised search for the next
    /// comma or line end), only quoted fields are assembled piece by piece.</summary>
    public static List<(int Line, List<string> Fields)> Parse(string text, string fileForErrors)
    {
        var rows = new List<(int, List<string>)>();
        var fields = new List<string>();
        int n = text.Length, line = 1, rowStart = 1, i = n > 0 && text[0] == '\uFEFF' ? 1 : 0;
        if (i >= n) return rows;
        while (true)
        {
            string value;
            var wasQuoted = i < n && text[i] == '"';
            if (wasQuoted)
            {
                var sb = new StringBuilder();
                i++;
                while (true)
                {
                    var q = text.IndexOf('"', i);
                    if (q < 0) throw new AnalysisInputException($"{fileForErrors}: line {rowStart}: unterminated quoted field");
                    sb.Append(text, i, q - i);
                    line += text.AsSpan(i, q - i).Count('\n');
                    if (q + 1 < n && text[q + 1] == '"') { sb.Append('"'); i = q + 2; continue; }
                    i = q + 1;
                    break;
                }
                var rest = FieldEnd(text, i);
                if (rest > i) sb.Append(text.AsSpan(i, rest - i).ToString().Replace("\r", ""));
                i = rest;
                value = sb.ToString();
            }
            else
            {
                var end = FieldEnd(text, i);
                value = text.Substring(i, end - i);
                if (value.Contains('\r')) value = value.Replace("\r", "");
                i = end;
            }
            fields.Add(value);
            if (i >= n)
            {
                if (!(fields.Count == 1 && value.Length == 0 && !wasQuoted)) rows.Add((rowStart, fields));
                return rows;
            }
            if (text[i] == ',') { i++; continue; }
            i++; // the line end
            if (!(fields.Count == 1 && fields[0].Length == 0)) rows.Add((rowStart, fields));
            fields = new List<string>(fields.Count);
            line++;
            rowStart = line;
            if (i >= n) return rows;
        }
    }

    /// <summary>Index of the comma or LF that ends the field starting at <paramref name="from"/>, or the text's length.</summary>
    private static int FieldEnd(string text, int from)
    {
        var k = text.AsSpan(from).IndexOfAny(',', '\n');
        return k < 0 ? text.Length : from + k;
    }

    /// <summary>Quotes a field when it holds a comma, quote, CR or LF (quotes doubled).</summary>
    public static string Escape(string value) =>
        value.IndexOfAny([',', '"', '\r', '\n']) < 0 ? value : "\"" + value.Replace("\"", "\"\"") + "\"";

    public static string Row(IEnumerable<string> fields) => string.Join(",", fields.Select(Escape));
}
