using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using DocShelf.Fixtures.Mail;

namespace DocShelf.Fixtures.Office;

/// <summary>
/// Protects an Office Open XML file with a password as Office does ([MS-OFFCRYPTO] agile encryption: AES-256-CBC,
/// SHA-512, 100,000 spins): the package is encrypted in 4,096-byte segments into a compound file beside the
/// description of how, with the key sealed by the password and an HMAC over the whole.
/// </summary>
public static class OfficeEncryption
{
    private const int SpinCount = 100_000;
    private const int SegmentLength = 4096;
    private static readonly byte[] VerifierInputBlock = [0xFE, 0xA7, 0xD2, 0x76, 0x3B, 0x4B, 0x9E, 0x79];
    private static readonly byte[] VerifierHashBlock = [0xD7, 0xAA, 0x0F, 0x6D, 0x30, 0x61, 0x34, 0x4E];
    private static readonly byte[] KeyValueBlock = [0x14, 0x6E, 0x0B, 0xE7, 0xAB, 0xAC, 0xD0, 0xD6];
    private static readonly byte[] HmacKeyBlock = [0x5F, 0xB2, 0xAD, 0x01, 0x0C, 0xB9, 0xE1, 0xF6];
    private static readonly byte[] HmacValueBlock = [0xA0, 0x67, 0x7F, 0x02, 0xB2, 0x2C, 0x84, 0x33];

    public static void Protect(string plainPath, string protectedPath, string password)
    {
        var package = File.ReadAllBytes(plainPath);
        var (keySalt, passwordSalt, secret, hmacKey) = (Random(16), Random(16), Random(32), Random(64));
        var encryptedPackage = EncryptPackage(package, secret, keySalt);
        var hmac = HMACSHA512.HashData(hmacKey, encryptedPackage);
        var passwordHash = Spun(passwordSalt, password);
        var verifier = Random(16);
        var info = Info(keySalt, passwordSalt,
            encryptedHmacKey: Cbc(secret, Iv(keySalt, HmacKeyBlock), hmacKey),
            encryptedHmacValue: Cbc(secret, Iv(keySalt, HmacValueBlock), hmac),
            verifierInput: Cbc(Key(passwordHash, VerifierInputBlock), passwordSalt, verifier),
            verifierHash: Cbc(Key(passwordHash, VerifierHashBlock), passwordSalt, SHA512.HashData(verifier)),
            keyValue: Cbc(Key(passwordHash, KeyValueBlock), passwordSalt, secret));
        CompoundFileWriter.Write(protectedPath, [new("EncryptionInfo", info), new("EncryptedPackage", encryptedPackage)]);
    }

    private static byte[] EncryptPackage(byte[] package, byte[] secret, byte[] keySalt)
    {
        using var output = new MemoryStream();
        var size = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(size, (ulong)package.Length);
        output.Write(size);
        for (var segment = 0; segment * SegmentLength < package.Length; segment++)
        {
            var plain = package.AsSpan(segment * SegmentLength, Math.Min(SegmentLength, package.Length - (segment * SegmentLength))).ToArray();
            var index = new byte[4];
            BinaryPrimitives.WriteUInt32LittleEndian(index, (uint)segment);
            output.Write(Cbc(secret, Iv(keySalt, index), plain));
        }

        return output.ToArray();
    }

    /// <summary>H0 = SHA-512(salt, password), then SHA-512(i, H) a hundred thousand times.</summary>
    private static byte[] Spun(byte[] salt, string password)
    {
        var hash = SHA512.HashData([.. salt, .. Encoding.Unicode.GetBytes(password)]);
        var round = new byte[4 + hash.Length];
        for (var i = 0; i < SpinCount; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(round, (uint)i);
            hash.CopyTo(round, 4);
            hash = SHA512.HashData(round);
        }

        return hash;
    }

    private static byte[] Key(byte[] passwordHash, byte[] block) => SHA512.HashData([.. passwordHash, .. block])[..32];

    private static byte[] Iv(byte[] salt, byte[] block) => SHA512.HashData([.. salt, .. block])[..16];

    /// <summary>AES-256-CBC, the input padded with zeros to whole blocks, as the format has it.</summary>
    private static byte[] Cbc(byte[] key, byte[] iv, byte[] plain)
    {
        using var aes = Aes.Create();
        aes.Key = key;
        byte[] padded = [.. plain, .. new byte[(16 - (plain.Length % 16)) % 16]];
        return aes.EncryptCbc(padded, iv, PaddingMode.None);
    }

    private static byte[] Info(byte[] keySalt, byte[] passwordSalt, byte[] encryptedHmacKey, byte[] encryptedHmacValue, byte[] verifierInput, byte[] verifierHash, byte[] keyValue)
    {
        const string Cipher = "blockSize=\"16\" keyBits=\"256\" hashSize=\"64\" cipherAlgorithm=\"AES\" cipherChaining=\"ChainingModeCBC\" hashAlgorithm=\"SHA512\"";
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n" +
            "<encryption xmlns=\"http://schemas.microsoft.com/office/2006/encryption\" xmlns:p=\"http://schemas.microsoft.com/office/2006/keyEncryptor/password\">" +
            $"<keyData saltSize=\"16\" {Cipher} saltValue=\"{B64(keySalt)}\"/>" +
            $"<dataIntegrity encryptedHmacKey=\"{B64(encryptedHmacKey)}\" encryptedHmacValue=\"{B64(encryptedHmacValue)}\"/>" +
            "<keyEncryptors><keyEncryptor uri=\"http://schemas.microsoft.com/office/2006/keyEncryptor/password\">" +
            $"<p:encryptedKey spinCount=\"{SpinCount}\" saltSize=\"16\" {Cipher} saltValue=\"{B64(passwordSalt)}\" encryptedVerifierHashInput=\"{B64(verifierInput)}\" " +
            $"encryptedVerifierHashValue=\"{B64(verifierHash)}\" encryptedKeyValue=\"{B64(keyValue)}\"/></keyEncryptor></keyEncryptors></encryption>";
        var header = new byte[8];
        BinaryPrimitives.WriteUInt16LittleEndian(header, 4);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(2), 4);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(4), 0x40);
        return [.. header, .. Encoding.UTF8.GetBytes(xml)];
    }

    private static string B64(byte[] bytes) => Convert.ToBase64String(bytes);

    private static byte[] Random(int length) => RandomNumberGenerator.GetBytes(length);
}
