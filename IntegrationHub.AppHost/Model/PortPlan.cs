using System.Net;
using System.Net.Sockets;

namespace IntegrationHub.AppHost.Model;

/// <summary>
/// Chooses every port of a local run: the well-known ports of spec §21 shifted by an offset (so two hubs can run
/// side by side), or, for tests, ports the OS says are free right now.
/// </summary>
public sealed class PortPlan(bool freePorts, int offset)
{
    private readonly HashSet<int> _taken = [];

    /// <summary>The port for a resource whose local default is <paramref name="defaultPort"/>.</summary>
    public int Take(int defaultPort)
    {
        var port = freePorts ? FreePort() : defaultPort + offset;
        if (port is < 1 or > 65535 || !_taken.Add(port))
        {
            throw new InvalidOperationException($"Port {port} is out of range or given to two resources; choose another --port-offset.");
        }

        return port;
    }

    private int FreePort()
    {
        // Binding port 0 and releasing it leaves a small window before the child binds; fine for tests on one machine.
        while (true)
        {
            using var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            if (!_taken.Contains(port))
            {
                return port;
            }
        }
    }
}
