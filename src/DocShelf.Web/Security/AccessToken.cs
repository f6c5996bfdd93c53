using System.Security.Cryptography;
using System.Text;

namespace DocShelf.Web.Security;

/// <summary>The configured access token, if any, and a constant-time check of a presented one.</summary>
public sealed class AccessToken(WebOptions options)
{
    /// <summary>The token's SHA-256, what presented tokens are compared with.</summary>
    private readonly byte[] expected = SHA256.HashData(Encoding.UTF8.GetBytes(options.AccessToken ?? ""));

    public bool Required => !string.IsNullOrEmpty(options.AccessToken);

    /// <summary>
    /// Compares the SHA-256 of both in constant time: the time taken says nothing about the token, not even its
    /// length, which a plain comparison of unequal lengths gives away by returning at once.
    /// </summary>
    public bool Matches(string presented) =>
        Required && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), expected);
}
