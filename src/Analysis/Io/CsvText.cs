using System.Text;

namespace Sweep.Analysis.Io;

/// <summary>RFC 4180 CSV: fields separated by commas, optionally quoted with "", quotes doubled inside, CRLF or LF rows.</summary>
public static class CsvText
{
    /// <summary>Parses every record; each record carries the 1-based line it starts on.</summary>
    public static List<(int Line, List<string> Fields)> Parse(string text, string fileForErrors)
    {
        var rows = new List<(int, List<string>)>();
        var fields = new List<string>();
        var field = new StringBuilder();
        int line = 1, rowStart = 1, i = 0;
        bool quoted = false, fieldWasQuoted = false;
        if (text.Length > 0 && text[0] == '\uFEFF') i = 1;
        for (; i < text.Length; i++)
        {
            var ch = text[i];
            if (quoted)
            {
                if (ch == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                    else quoted = false;
                }
                else
                {
                    if (ch == '\n') line++;
                    field.Append(ch);
                }
                continue;
            }
            switch (ch)
            {
                case '"' when field.Length == 0 && !fieldWasQuoted:
                    quoted = true;
                    fieldWasQuoted = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    fieldWasQuoted = false;
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(field.ToString());
                    field.Clear();
                    fieldWasQuoted = false;
                    if (!(fields.Count == 1 && fields[0].Length == 0)) rows.Add((rowStart, fields));
                    fields = [];
                    line++;
                    rowStart = line;
                    break;
                default:
                    field.Append(ch);
                    break;
            }
        }
        if (quoted) throw new AnalysisInputException($"{fileForErrors}: line {rowStart}: unterminated quoted field");
        if (field.Length > 0 || fields.Count > 0 || fieldWasQuoted)
        {
            fields.Add(field.ToString());
            rows.Add((rowStart, fields));
        }
        return rows;
    }

    /// <summary>Quotes a field when it holds a comma, quote, CR or LF (quotes doubled).</summary>
    public static string Escape(string value) =>
        value.IndexOfAny([',', '"', '\r', '\n']) < 0 ? value : "\"" + value.Replace("\"", "\"\"") + "\"";

    public static string Row(IEnumerable<string> fields) => string.Join(",", fields.Select(Escape));
}
