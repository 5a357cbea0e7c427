namespace LatentWorkbench.Engine.Optim;

/// <summary>
/// Exact encodings of integers and doubles in the float32 tensors that checkpoints hold: each value travels as the
/// bit pattern of one (int) or two (double) floats, so a resumed schedule continues with exactly the same numbers.
/// </summary>
internal static class StateBits
{
    public static Tensor FromInt(int value) => Tensor.FromArray([BitConverter.Int32BitsToSingle(value)], 1);

    public static int ToInt(Tensor t, string key)
    {
        if (t.Numel != 1) throw new ArgumentException($"state '{key}' must hold one value, it has {t.Numel}");
        return BitConverter.SingleToInt32Bits(t.ToArray()[0]);
    }

    public static Tensor FromDoubles(IReadOnlyList<double> values)
    {
        var bits = new float[2 * values.Count];
        for (int i = 0; i < values.Count; i++)
        {
            long b = BitConverter.DoubleToInt64Bits(values[i]);
            bits[2 * i] = BitConverter.Int32BitsToSingle((int)b);
            bits[2 * i + 1] = BitConverter.Int32BitsToSingle((int)(b >> 32));
        }
        return Tensor.FromArray(bits, bits.Length);
    }

    public static double[] ToDoubles(Tensor t, string key, int count)
    {
        if (t.Numel != 2 * count) throw new ArgumentException($"state '{key}' must hold {count} doubles ({2 * count} floats), it has {t.Numel} floats");
        var bits = t.ToArray();
        var values = new double[count];
        for (int i = 0; i < count; i++)
            values[i] = BitConverter.Int64BitsToDouble((uint)BitConverter.SingleToInt32Bits(bits[2 * i]) | ((long)BitConverter.SingleToInt32Bits(bits[2 * i + 1]) << 32));
        return values;
    }
}
