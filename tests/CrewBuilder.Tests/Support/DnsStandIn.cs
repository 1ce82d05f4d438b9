using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CrewBuilder.Tests.Support;

/// <summary>
/// A loopback DNS server over UDP, written from RFC 1035 (§4.1 message format, §3.3.14 TXT RDATA): it answers TXT
/// queries for the names given to it with their records, NXDOMAIN for any other name, and an empty answer for other types.
/// It also counts the queries it received, so a test can tell that a lookup really happened.
/// </summary>
public sealed class DnsStandIn : IAsyncDisposable
{
    private const ushort TypeTxt = 16;
    private const ushort ClassIn = 1;
    private readonly UdpClient socket = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly ConcurrentDictionary<string, string[]> records = new(StringComparer.OrdinalIgnoreCase);
    private readonly CancellationTokenSource stopping = new();
    private readonly Task serving;
    private int queries;

    public DnsStandIn() => serving = ServeAsync();

    /// <summary>Where to send queries, as <c>address:port</c>.</summary>
    public string EndPoint => socket.Client.LocalEndPoint!.ToString()!;

    public int Queries => Volatile.Read(ref queries);

    /// <summary>Publishes (or replaces) the TXT records of <paramref name="name"/>; none removes the name.</summary>
    public void SetTxt(string name, params string[] values)
    {
        if (values.Length == 0)
        {
            records.TryRemove(name.TrimEnd('.'), out _);
        }
        else
        {
            records[name.TrimEnd('.')] = values;
        }
    }

    private async Task ServeAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            UdpReceiveResult received;
            try
            {
                received = await socket.ReceiveAsync(stopping.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            Interlocked.Increment(ref queries);
            if (Answer(received.Buffer) is { } answer)
            {
                await socket.SendAsync(answer, received.RemoteEndPoint, stopping.Token);
            }
        }
    }

    /// <summary>The response to one query message; null for what is not a standard query with one question.</summary>
    private byte[]? Answer(byte[] query)
    {
        if (query.Length < 12 || (query[2] & 0x80) != 0 || BinaryPrimitives.ReadUInt16BigEndian(query.AsSpan(4)) != 1)
        {
            return null;
        }

        var (name, end) = ReadName(query, 12);
        if (name is null || end + 4 > query.Length)
        {
            return null;
        }

        var type = BinaryPrimitives.ReadUInt16BigEndian(query.AsSpan(end));
        var question = query.AsSpan(12, end + 4 - 12);
        var known = records.TryGetValue(name, out var values);
        var answers = known && type == TypeTxt ? values! : [];

        var response = new List<byte>();
        response.AddRange(query.AsSpan(0, 2).ToArray()); // ID
        response.Add((byte)(0x84 | (query[2] & 0x01))); // QR, AA, the query's RD
        response.Add((byte)(known ? 0 : 3)); // RCODE: no error, or NXDOMAIN
        response.AddRange(U16(1));
        response.AddRange(U16((ushort)answers.Length));
        response.AddRange(U16(0));
        response.AddRange(U16(0));
        response.AddRange(question.ToArray());
        foreach (var value in answers)
        {
            var rdata = CharacterStrings(value);
            response.AddRange([0xC0, 0x0C]); // the name, as a pointer to the question's
            response.AddRange(U16(TypeTxt));
            response.AddRange(U16(ClassIn));
            response.AddRange([0, 0, 0, 60]); // TTL
            response.AddRange(U16((ushort)rdata.Length));
            response.AddRange(rdata);
        }

        return [.. response];
    }

    /// <summary>A TXT value as RFC 1035 character-strings: a length byte before each piece of at most 255 bytes.</summary>
    private static byte[] CharacterStrings(string value) =>
        [.. Encoding.ASCII.GetBytes(value).Chunk(255).SelectMany(piece => new[] { (byte)piece.Length }.Concat(piece))];

    /// <summary>A name of uncompressed labels (a query's question never points elsewhere), and where it ends.</summary>
    private static (string? Name, int End) ReadName(byte[] message, int at)
    {
        var labels = new List<string>();
        while (at < message.Length && message[at] != 0)
        {
            int length = message[at];
            if (length > 63 || at + 1 + length > message.Length)
            {
                return (null, at);
            }

            labels.Add(Encoding.ASCII.GetString(message, at + 1, length));
            at += 1 + length;
        }

        return at < message.Length ? (string.Join('.', labels), at + 1) : (null, at);
    }

    private static byte[] U16(ushort value) => [(byte)(value >> 8), (byte)value];

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        socket.Dispose();
        await serving;
        stopping.Dispose();
    }
}
