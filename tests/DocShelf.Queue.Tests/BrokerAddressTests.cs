using System.Runtime.Versioning;
using DocShelf.Fixtures;
using DocShelf.Queue.Broker;

namespace DocShelf.Queue.Tests;

/// <summary>The broker's address as users write it, and the password kept off it.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class BrokerAddressTests
{
    [Theory]
    [InlineData("amqp://shelf@broker.lan/archive", "broker.lan", 5672, "shelf", "archive", false)]
    [InlineData("amqps://shelf@broker.lan/", "broker.lan", 5671, "shelf", "/", true)]
    [InlineData("amqp://reader%40office@10.0.0.5:5673", "10.0.0.5", 5673, "reader@office", "/", false)]
    public void An_address_gives_host_port_user_virtual_host_and_tls(string text, string host, int port, string user, string virtualHost, bool tls)
    {
        var address = BrokerAddress.Parse(text);

        Assert.Equal(new BrokerAddress(host, port, user, virtualHost, tls), address);
        Assert.Equal(address, BrokerAddress.Parse(address.ToString()));
    }

    [Fact]
    public void An_address_with_a_password_is_refused_without_repeating_it()
    {
        var error = Assert.Throws<FormatException>(() => BrokerAddress.Parse("amqp://shelf:hunter2@broker.lan/"));

        Assert.Contains("carries a password", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://shelf@broker.lan/")]
    [InlineData("amqp://broker.lan/")]
    [InlineData("broker.lan")]
    public void What_is_not_a_broker_address_with_a_user_is_refused(string text) =>
        Assert.Throws<FormatException>(() => BrokerAddress.Parse(text));

    [Fact]
    public void A_password_file_others_can_read_is_refused_and_one_of_the_owners_alone_is_read()
    {
        using var folder = new TempFolder();
        var path = folder.File("broker-password");
        File.WriteAllText(path, "s3cret\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);

        var error = Assert.Throws<UnauthorizedAccessException>(() => BrokerPassword.ReadFile(path));
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        Assert.Contains("chmod 600", error.Message, StringComparison.Ordinal);
        Assert.Equal("s3cret", BrokerPassword.ReadFile(path));
    }
}
