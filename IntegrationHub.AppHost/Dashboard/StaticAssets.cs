using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace IntegrationHub.AppHost.Dashboard;

/// <summary>The pages, scripts and styles embedded in the assembly (logical names <c>wwwroot/&lt;file&gt;</c>, see the csproj).</summary>
public static class StaticAssets
{
    public static void MapDashboardPages(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/", () => Page("index.html"));
        app.MapGet("/app.js", () => Page("app.js"));
        app.MapGet("/app.css", () => Page("app.css"));
        app.MapGet("/favicon.svg", () => Page("favicon.svg"));
    }

    public static IResult Page(string file, int status = StatusCodes.Status200OK)
    {
        // Every asset is text (HTML, JS, CSS, SVG).
        var bytes = Read(file);
        return bytes is null ? Results.NotFound() : Results.Content(System.Text.Encoding.UTF8.GetString(bytes), ContentType(file), null, status);
    }

    public static async Task WriteAsync(HttpContext context, string file)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.ContentType = ContentType(file);
        await context.Response.Body.WriteAsync(Read(file) ?? []).ConfigureAwait(false);
    }

    private static byte[]? Read(string file)
    {
        using var stream = typeof(StaticAssets).Assembly.GetManifestResourceStream("wwwroot/" + file);
        if (stream is null)
        {
            return null;
        }

        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static string ContentType(string file) => Path.GetExtension(file) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".svg" => "image/svg+xml",
        _ => "application/octet-stream",
    };
}
