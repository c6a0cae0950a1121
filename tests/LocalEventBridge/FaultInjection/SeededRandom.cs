namespace LocalEventBridge.FaultInjection;

/// <summary>
/// SplitMix64: a tiny generator whose sequence is fixed by its seed forever. System.Random is not
/// used because its seeded sequence is not promised to stay the same across .NET versions, and a
/// seed written into a test must mean the same faults next year.
/// </summary>
internal sealed class SeededRandom
{
    private ulong _state;

    public SeededRandom(long seed)
    {
        _state = unchecked((ulong)seed);
    }

    /// <summary>Uniform in [0, 1), from the top 53 bits.</summary>
    public double NextDouble() => (Next64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [0, count).</summary>
    public int Next(int count) => (int)(NextDouble() * count);

    private ulong Next64()
    {
        unchecked
        {
            ulong z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
