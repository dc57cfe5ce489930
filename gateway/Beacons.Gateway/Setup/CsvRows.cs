using System.Text;

namespace Beacons.Gateway.Setup;

/// <summary>One row of a spreadsheet saved as CSV: its line in the file (the header is line 1, as a spreadsheet numbers rows) and its cells.</summary>
public sealed record CsvRow(int Line, IReadOnlyList<string> Cells);

/// <summary>
/// Reads CSV as spreadsheets save it (RFC 4180): quoted cells with commas, doubled quotes and line breaks,
/// a byte-order mark, \r\n or \n. The separator is the comma, or the semicolon that spreadsheets use where the
/// comma is the decimal mark, told by the header line. Blank lines are skipped; cells are trimmed.
/// </summary>
public static class CsvRows
{
    public static IReadOnlyList<CsvRow> Read(string text)
    {
        text = text.TrimStart('\uFEFF');
        int firstBreak = text.IndexOf('\n');
        string header = firstBreak < 0 ? text : text[..firstBreak];
        char separator = header.Contains(';') && !header.Contains(',') ? ';' : ',';

        var rows = new List<CsvRow>();
        var cells = new List<string>();
        var cell = new StringBuilder();
        bool quoted = false;
        int line = 1;
        int rowLine = 1;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    line += c == '\n' ? 1 : 0;
                    cell.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == separator)
            {
                cells.Add(cell.ToString().Trim());
                cell.Clear();
            }
            else if (c == '\n')
            {
                End();
                line++;
                rowLine = line;
            }
            else if (c != '\r')
            {
                cell.Append(c);
            }
        }

        End();
        return rows;

        void End()
        {
            cells.Add(cell.ToString().Trim());
            cell.Clear();
            if (cells.Any(x => x.Length > 0))
            {
                rows.Add(new CsvRow(rowLine, cells.ToArray()));
            }

            cells.Clear();
        }
    }
}
