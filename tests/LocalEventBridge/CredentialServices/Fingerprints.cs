using System;
using System.Security.Cryptography;
using System.Text;

namespace LocalEventBridge.CredentialServices;

/// <summary>
/// Short, one-way digests of secrets (tokens, bearer tokens), so the request log can tell two of them
/// apart without ever holding one, and derived ids that stay the same for the same input.
/// </summary>
public static class Fingerprints
{
    /// <summary>"sha256:" and the first 12 hex digits of the SHA-256 of the text; null for null.</summary>
    public static string? Of(string? secret) =>
        secret is null ? null : "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)))[..12];

    /// <summary><paramref name="length"/> upper-case letters and digits derived from the text (ids such as AIDA.../AROA...).</summary>
    internal static string Upper(string text, int length)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        var builder = new StringBuilder(length);
        for (int i = 0; i < length; i++)
        {
            builder.Append(Alphabet[hash[i] % Alphabet.Length]);
        }

        return builder.ToString();
    }
}
