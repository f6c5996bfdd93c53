using System.Security.Cryptography;
using System.Text;

namespace DocShelf.Web.Security;

/// <summary>The configured access token, if any, and a constant-time check of a presented one.</summary>
public sealed class AccessToken(WebOptions options)
{
    public bool Required => !string.IsNullOrEmpty(options.AccessToken);

    /// <summary>Compares in constant time, so response timing reveals nothing about the token.</summary>
    public bool Matches(string presented) =>
        Required && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(options.AccessToken!));
}
