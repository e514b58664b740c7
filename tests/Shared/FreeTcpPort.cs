using System.Net;
using System.Net.Sockets;

namespace Platform.Testing;

/// <summary>A TCP port on 127.0.0.1 that nothing listens on right now, for servers a test starts.</summary>
/// <remarks>
/// The port is free when picked, not when the server binds it. A port the OS hands out for "port 0" lies in its ephemeral
/// range, which every outgoing connection of the parallel test processes also draws from, so one of them may take it in
/// between ("address already in use"). Ports are therefore drawn at random below that range, where the OS never assigns
/// one by itself.
/// </remarks>
public static class FreeTcpPort
{
    private const int First = 20000;
    private const int End = 32768; // Linux's default ip_local_port_range starts here

    public static int OnLoopback()
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var port = Random.Shared.Next(First, End);
            if (CanBind(port))
            {
                return port;
            }
        }

        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool CanBind(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
