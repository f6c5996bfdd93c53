using DocShelf.Models.Generation;
using LLama.Native;

namespace DocShelf.Models.Gguf;

/// <summary>
/// llama.cpp, set up once a process: its log is kept out of the program's output, except its latest warnings and
/// errors, which say why a file would not load where llama.cpp's failure itself only says that it did not.
/// </summary>
public static class LlamaRuntime
{
    private const int Kept = 8;

    private static readonly Lock Gate = new();
    private static readonly Queue<string> Problems = new();
    private static string partial = "";
    private static bool prepared;

    /// <summary>Runs <paramref name="work"/> with llama.cpp ready; a failure carries what llama.cpp complained of meanwhile.</summary>
    public static T Run<T>(string what, Func<T> work)
    {
        Prepare();
        lock (Gate)
        {
            Problems.Clear();
        }

        try
        {
            return work();
        }
        catch (Exception error) when (error is not (OperationCanceledException or OutOfMemoryException or ChatModelException))
        {
            throw new ChatModelException($"{what} failed: {Reason(error)}", error);
        }
    }

    private static void Prepare()
    {
        lock (Gate)
        {
            if (!prepared)
            {
                NativeLogConfig.llama_log_set(Log);
                prepared = true;
            }
        }
    }

    private static string Reason(Exception error)
    {
        lock (Gate)
        {
            return Problems.Count > 0 ? string.Join("; ", Problems) : error.Message.Split('\n')[0].Trim();
        }
    }

    /// <summary>llama.cpp logs a line in pieces; a piece of a warning or error joins the line until its newline.</summary>
    private static void Log(LLamaLogLevel level, string message)
    {
        if (level is not (LLamaLogLevel.Warning or LLamaLogLevel.Error or LLamaLogLevel.Continue))
        {
            return;
        }

        lock (Gate)
        {
            if (level == LLamaLogLevel.Continue && partial.Length == 0)
            {
                return;
            }

            partial += message;
            if (partial.EndsWith('\n'))
            {
                Problems.Enqueue(partial.Trim());
                partial = "";
                while (Problems.Count > Kept)
                {
                    Problems.Dequeue();
                }
            }
        }
    }
}
