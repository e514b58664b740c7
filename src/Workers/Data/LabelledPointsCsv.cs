using System.Globalization;
using Platform.Workers.Numerics;

namespace Platform.Workers.Data;

/// <summary>
/// The data directory's 2-D point sets (<c>x1,x2,y</c> with a header, 17 significant digits so values read back exactly):
/// X (2, m) with one example per column and Y (1, m), the notebooks' layout.
/// </summary>
public static class LabelledPointsCsv
{
    public static (Matrix X, Matrix Y) Read(string path)
    {
        var rows = File.ReadLines(path)
            .Skip(1)
            .Where(line => line.Length > 0)
            .Select(line => line.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray())
            .ToArray();
        var x = new Matrix(2, rows.Length);
        var y = new Matrix(1, rows.Length);
        for (var j = 0; j < rows.Length; j++)
        {
            if (rows[j].Length != 3)
            {
                throw new FormatException($"{path}: row {j + 2} has {rows[j].Length} values, expected x1,x2,y");
            }

            x[0, j] = rows[j][0];
            x[1, j] = rows[j][1];
            y[0, j] = rows[j][2];
        }

        return (x, y);
    }
}
