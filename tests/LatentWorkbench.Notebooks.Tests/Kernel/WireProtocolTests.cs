using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using LatentWorkbench.Notebooks.Kernel;

namespace LatentWorkbench.Notebooks.Tests.Kernel;

public class WireProtocolTests
{
    private static readonly byte[] Header = """{"msg_id":"a1","session":"s","username":"u","date":"2024-01-01T00:00:00Z","msg_type":"execute_request","version":"5.3"}"""u8.ToArray();
    private static readonly byte[] Parent = "{}"u8.ToArray();
    private static readonly byte[] Metadata = """{"m":1}"""u8.ToArray();
    private static readonly byte[] Content = """{"code":"1+1","silent":false}"""u8.ToArray();

    [Fact]
    public void Signature_matches_an_independent_hmac_sha256_of_the_four_frames()
    {
        var key = "9b7c1d0e-2f3a-4b5c-8d9e-0f1a2b3c4d5e";
        // Reference: HMAC over the concatenation, as jupyter_client's Session.sign does.
        var concatenated = Header.Concat(Parent).Concat(Metadata).Concat(Content).ToArray();
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), concatenated));

        var signer = new MessageSigner(key);
        Assert.Equal(expected, signer.Sign(Header, Parent, Metadata, Content));
        Assert.True(signer.Verify(Encoding.ASCII.GetBytes(expected), Header, Parent, Metadata, Content));
    }

    [Fact]
    public void Bad_signature_or_tampered_content_is_rejected()
    {
        var signer = new MessageSigner("secret");
        var good = Encoding.ASCII.GetBytes(signer.Sign(Header, Parent, Metadata, Content));
        var tampered = """{"code":"2+2","silent":false}"""u8.ToArray();
        Assert.False(signer.Verify(good, Header, Parent, Metadata, tampered));
        Assert.False(new MessageSigner("other").Verify(good, Header, Parent, Metadata, Content));
        Assert.False(signer.Verify([], Header, Parent, Metadata, Content));

        var frames = new List<byte[]> { "id"u8.ToArray(), "<IDS|MSG>"u8.ToArray(), good, Header, Parent, Metadata, tampered };
        var e = Assert.Throws<InvalidMessageException>(() => WireFormat.Decode(frames, signer));
        Assert.True(e.BadSignature);
    }

    [Fact]
    public void Empty_key_means_unsigned_messages_with_an_empty_signature_frame()
    {
        var signer = new MessageSigner("");
        Assert.False(signer.IsEnabled);
        Assert.Equal("", signer.Sign(Header, Parent, Metadata, Content));
        // Any signature frame passes when signing is off (as jupyter_client with an empty key).
        Assert.True(signer.Verify("junk"u8, Header, Parent, Metadata, Content));

        var message = JupyterMessage.Create("status", new JsonObject { ["execution_state"] = "idle" }, "sess");
        var frames = WireFormat.Encode(message, signer);
        Assert.Empty(frames[1]);
    }

    [Fact]
    public void Framing_round_trips_identities_json_parts_and_buffers()
    {
        var signer = new MessageSigner("k");
        var request = new JupyterMessage(
            [[1, 2, 3], "client-b"u8.ToArray()],
            JsonNode.Parse(Header)!.AsObject(), new JsonObject(), new JsonObject(), JsonNode.Parse(Content)!.AsObject(), []);
        var reply = JupyterMessage.Create("execute_reply", new JsonObject { ["status"] = "ok", ["execution_count"] = 1, ["text"] = "π ≈ 3.14 \u263a" }, "kernel-session", request)
            with { Buffers = [[9, 8, 7]] };

        var frames = WireFormat.Encode(reply, signer);
        Assert.Equal([1, 2, 3], frames[0]);
        Assert.Equal("<IDS|MSG>", Encoding.ASCII.GetString(frames[2]));
        Assert.Equal(2 + 1 + 5 + 1, frames.Count);

        var decoded = WireFormat.Decode(frames, signer);
        Assert.Equal(2, decoded.Identities.Count);
        Assert.Equal("client-b", Encoding.UTF8.GetString(decoded.Identities[1]));
        Assert.Equal("execute_reply", decoded.MessageType);
        Assert.Equal("kernel-session", decoded.Session);
        Assert.Equal("5.3", decoded.Header["version"]!.GetValue<string>());
        Assert.Equal("a1", decoded.ParentHeader["msg_id"]!.GetValue<string>());
        Assert.Equal("π ≈ 3.14 \u263a", decoded.Content["text"]!.GetValue<string>());
        Assert.Equal([9, 8, 7], Assert.Single(decoded.Buffers));
        Assert.NotEqual(request.MessageId, decoded.MessageId);
    }

    [Fact]
    public void Decoding_names_what_is_missing()
    {
        var signer = new MessageSigner("");
        var noDelimiter = Assert.Throws<InvalidMessageException>(() => WireFormat.Decode([Header, Parent, Metadata, Content], signer));
        Assert.Contains("<IDS|MSG>", noDelimiter.Message);
        var short_ = Assert.Throws<InvalidMessageException>(() => WireFormat.Decode(["<IDS|MSG>"u8.ToArray(), [], Header, Parent], signer));
        Assert.Contains("expected at least 5", short_.Message);
        var notJson = Assert.Throws<InvalidMessageException>(() => WireFormat.Decode(["<IDS|MSG>"u8.ToArray(), [], Header, Parent, Metadata, "{oops"u8.ToArray()], signer));
        Assert.Contains("content", notJson.Message);
        Assert.False(notJson.BadSignature);
    }
}
