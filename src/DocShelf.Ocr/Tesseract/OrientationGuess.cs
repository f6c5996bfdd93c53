namespace DocShelf.Ocr.Tesseract;

/// <summary>What orientation detection says: the clockwise turn that makes the page upright, and how sure it is.</summary>
/// <param name="Rotation">0, 90, 180 or 270 degrees clockwise.</param>
/// <param name="Confidence">Tesseract's OSD margin between the best orientation and the next; 0 when OSD was not consulted or found nothing.</param>
public sealed record OrientationGuess(int Rotation, double Confidence)
{
    public static OrientationGuess Unknown { get; } = new(0, 0);
}
