namespace DocShelf.Rendering;

/// <summary>How a rendered page is made to look scanned: turned a little on the glass, with specks of dirt, perhaps fed in sideways.</summary>
/// <param name="RotationDegrees">Skew of the page; scanners rarely feed paper perfectly straight.</param>
/// <param name="NoiseShare">Share of pixels flipped to dark or light specks.</param>
/// <param name="Seed">Seed for the specks, so the same call makes the same file.</param>
/// <param name="TurnDegrees">How far the sheet was turned clockwise when fed in: 0, 90, 180 or 270.</param>
public sealed record ScanStyle(float RotationDegrees, double NoiseShare, int Seed, int TurnDegrees = 0)
{
    public static ScanStyle Clean { get; } = new(0, 0, 0);

    /// <summary>What an office scanner gives on a good day.</summary>
    public static ScanStyle Office(int seed) => new(seed % 2 == 0 ? 0.7f : -0.9f, 0.002, seed);
}
