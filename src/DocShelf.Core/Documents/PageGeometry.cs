namespace DocShelf.Core.Documents;

/// <summary>
/// How a page image was straightened before reading: first turned clockwise by a quarter-turn multiple (a sheet
/// fed in sideways or upside down), then rotated by a small angle about its centre to undo the skew.
/// </summary>
/// <param name="Rotation">Degrees turned clockwise: 0, 90, 180 or 270.</param>
/// <param name="Skew">Degrees rotated to deskew, positive clockwise as Leptonica measures it; 0 when left as it was.</param>
/// <param name="OrientationConfidence">How sure orientation detection was (Tesseract's OSD margin), 0 when not run.</param>
public sealed record PageGeometry(int Rotation, double Skew, double OrientationConfidence)
{
    public static PageGeometry AsScanned { get; } = new(0, 0, 0);

    /// <summary>Whether the straightened image differs from the scan, so a viewer must draw it straightened too.</summary>
    public bool ChangesImage => Rotation % 360 != 0 || Skew != 0;
}
