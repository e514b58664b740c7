namespace Platform.Workers.Numerics;

/// <summary>
/// A small dense row-major float64 matrix, for networks so small (a few hundred numbers) that a tensor library's per-call
/// overhead dominates. Operations allocate new matrices, as numpy expressions do; sums run left to right.
/// </summary>
public sealed class Matrix
{
    public Matrix(int rows, int columns, double[]? data = null)
    {
        Rows = rows;
        Columns = columns;
        Data = data ?? new double[rows * columns];
        if (Data.Length != rows * columns)
        {
            throw new ArgumentException($"{Data.Length} values for a {rows}x{columns} matrix", nameof(data));
        }
    }

    public int Rows { get; }

    public int Columns { get; }

    /// <summary>The values in row-major (C) order.</summary>
    public double[] Data { get; }

    public double this[int row, int column]
    {
        get => Data[row * Columns + column];
        set => Data[row * Columns + column] = value;
    }

    public static Matrix Zeros(int rows, int columns) => new(rows, columns);

    /// <summary>A·B.</summary>
    public static Matrix Multiply(Matrix a, Matrix b)
    {
        RequireEqual(a.Columns, b.Rows, "A·B");
        var result = new Matrix(a.Rows, b.Columns);
        for (var i = 0; i < a.Rows; i++)
        {
            for (var j = 0; j < b.Columns; j++)
            {
                var sum = 0.0;
                for (var k = 0; k < a.Columns; k++)
                {
                    sum += a.Data[i * a.Columns + k] * b.Data[k * b.Columns + j];
                }

                result.Data[i * b.Columns + j] = sum;
            }
        }

        return result;
    }

    /// <summary>A·Bᵀ without materialising Bᵀ.</summary>
    public static Matrix MultiplyTransposed(Matrix a, Matrix b)
    {
        RequireEqual(a.Columns, b.Columns, "A·Bᵀ");
        var result = new Matrix(a.Rows, b.Rows);
        for (var i = 0; i < a.Rows; i++)
        {
            var aRow = a.Data.AsSpan(i * a.Columns, a.Columns);
            for (var j = 0; j < b.Rows; j++)
            {
                var bRow = b.Data.AsSpan(j * b.Columns, b.Columns);
                var sum = 0.0;
                for (var k = 0; k < aRow.Length; k++)
                {
                    sum += aRow[k] * bRow[k];
                }

                result.Data[i * b.Rows + j] = sum;
            }
        }

        return result;
    }

    /// <summary>Aᵀ·B without materialising Aᵀ.</summary>
    public static Matrix TransposedMultiply(Matrix a, Matrix b)
    {
        RequireEqual(a.Rows, b.Rows, "Aᵀ·B");
        var result = new Matrix(a.Columns, b.Columns);
        for (var i = 0; i < a.Columns; i++)
        {
            for (var j = 0; j < b.Columns; j++)
            {
                var sum = 0.0;
                for (var k = 0; k < a.Rows; k++)
                {
                    sum += a.Data[k * a.Columns + i] * b.Data[k * b.Columns + j];
                }

                result.Data[i * b.Columns + j] = sum;
            }
        }

        return result;
    }

    /// <summary>A + b with a (rows, 1) column broadcast across the columns, like numpy.</summary>
    public Matrix AddColumn(Matrix column)
    {
        RequireEqual(Rows, column.Rows, "broadcast add");
        var result = new Matrix(Rows, Columns);
        for (var i = 0; i < Rows; i++)
        {
            var value = column.Data[i];
            for (var j = 0; j < Columns; j++)
            {
                result.Data[i * Columns + j] = Data[i * Columns + j] + value;
            }
        }

        return result;
    }

    /// <summary>np.sum(A, axis=1, keepdims=True).</summary>
    public Matrix RowSums()
    {
        var result = new Matrix(Rows, 1);
        for (var i = 0; i < Rows; i++)
        {
            var sum = 0.0;
            for (var j = 0; j < Columns; j++)
            {
                sum += Data[i * Columns + j];
            }

            result.Data[i] = sum;
        }

        return result;
    }

    public double Sum() => Data.Sum();

    public double Mean() => Sum() / Data.Length;

    public Matrix Map(Func<double, double> f)
    {
        var result = new Matrix(Rows, Columns);
        for (var i = 0; i < Data.Length; i++)
        {
            result.Data[i] = f(Data[i]);
        }

        return result;
    }

    public Matrix Zip(Matrix other, Func<double, double, double> f)
    {
        RequireEqual(Data.Length, other.Data.Length, "element-wise");
        var result = new Matrix(Rows, Columns);
        for (var i = 0; i < Data.Length; i++)
        {
            result.Data[i] = f(Data[i], other.Data[i]);
        }

        return result;
    }

    public Matrix Scale(double factor) => Map(v => factor * v);

    public Matrix Subtract(Matrix other) => Zip(other, (a, b) => a - b);

    public Matrix Clone() => new(Rows, Columns, (double[])Data.Clone());

    /// <summary>Rounds every value to <paramref name="decimals"/> places (np.round), e.g. to rebuild printed test inputs.</summary>
    public Matrix Round(int decimals) => Map(v => Math.Round(v, decimals, MidpointRounding.ToEven));

    private static void RequireEqual(int a, int b, string operation)
    {
        if (a != b)
        {
            throw new ArgumentException($"shape mismatch in {operation}: {a} vs {b}");
        }
    }
}
