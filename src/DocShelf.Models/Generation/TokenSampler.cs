namespace DocShelf.Models.Generation;

/// <summary>
/// Picks the next token from a model's logits: the likeliest one when the temperature is 0, otherwise a draw
/// from the nucleus, the smallest set of likeliest tokens whose probabilities reach top-p.
/// </summary>
public sealed class TokenSampler(double temperature, double topP, int? seed = null)
{
    private readonly Random random = seed is { } s ? new Random(s) : Random.Shared;

    public int Next(ReadOnlySpan<float> logits) => temperature <= 0 ? Likeliest(logits) : Sample(logits);

    private static int Likeliest(ReadOnlySpan<float> logits)
    {
        var best = 0;
        for (var i = 1; i < logits.Length; i++)
        {
            if (logits[i] > logits[best])
            {
                best = i;
            }
        }

        return best;
    }

    private int Sample(ReadOnlySpan<float> logits)
    {
        var max = logits[Likeliest(logits)];
        var weights = new double[logits.Length];
        var total = 0.0;
        for (var i = 0; i < logits.Length; i++)
        {
            weights[i] = Math.Exp((logits[i] - max) / temperature);
            total += weights[i];
        }

        var order = Enumerable.Range(0, weights.Length).OrderByDescending(i => weights[i]).ToArray();
        var nucleus = 0;
        var kept = 0.0;
        while (nucleus < order.Length && (nucleus == 0 || kept < topP * total))
        {
            kept += weights[order[nucleus++]];
        }

        var draw = random.NextDouble() * kept;
        for (var i = 0; i < nucleus; i++)
        {
            draw -= weights[order[i]];
            if (draw < 0)
            {
                return order[i];
            }
        }

        return order[nucleus - 1];
    }
}
