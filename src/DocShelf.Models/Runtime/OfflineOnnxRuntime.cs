using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;

namespace DocShelf.Models.Runtime;

/// <summary>
/// ONNX Runtime's Linux builds (from 1.29) send usage events to Microsoft's collector and keep a device id and an
/// event cache under ~/.cache/Microsoft/DeveloperTools/.onnxruntime, unless ORT_DISABLE_TELEMETRY=1 is in the C
/// environment when the runtime starts. DocShelf reaches no network, so every session is made after this has set it,
/// through libc: .NET's Environment.SetEnvironmentVariable does not reach the C runtime's environment.
/// </summary>
public static partial class OfflineOnnxRuntime
{
    public const string TelemetryVariable = "ORT_DISABLE_TELEMETRY";

    private static int prepared;

    /// <summary>Must run before the first session; later calls do nothing.</summary>
    public static void Prepare()
    {
        if (Interlocked.Exchange(ref prepared, 1) == 1)
        {
            return;
        }

        _ = setenv(TelemetryVariable, "1", 1);
        Environment.SetEnvironmentVariable(TelemetryVariable, "1");
        // The runtime's own switch too, for any event its environment would still log.
        OrtEnv.Instance().DisableTelemetryEvents();
    }

    /// <summary>The runtime's version; asking starts the runtime, so this prepares it first.</summary>
    public static string Version()
    {
        Prepare();
        return OrtEnv.Instance().GetVersionString();
    }

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int setenv(string name, string value, int overwrite);
}
