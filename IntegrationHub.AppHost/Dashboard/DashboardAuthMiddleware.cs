using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace IntegrationHub.AppHost.Dashboard;

/// <summary>Puts every page and API behind the session cookie; only the login and the "token required" page are open.</summary>
public static class DashboardAuthMiddleware
{
    private static readonly string[] OpenPaths = ["/login", "/token-required", "/app.css", "/favicon.svg"];

    /// <param name="otlpPort">
    /// The services' telemetry port, served by the same Kestrel: there only the OTLP endpoints (<c>/v1/...</c>,
    /// which check their own API key) answer, and they never answer on the dashboard's port.
    /// </param>
    public static void UseDashboardAuth(this WebApplication app, DashboardAuth auth, int? otlpPort)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(auth);
        app.Use(async (context, next) =>
        {
            var response = context.Response;
            response.Headers.XContentTypeOptions = "nosniff";
            response.Headers.XFrameOptions = "DENY";
            response.Headers.CacheControl = "no-store";
            response.Headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'";
            var path = context.Request.Path.Value ?? "/";
            var isOtlp = context.Request.Path.StartsWithSegments("/v1", StringComparison.Ordinal);
            if (otlpPort is { } telemetryPort && context.Connection.LocalPort == telemetryPort)
            {
                if (isOtlp)
                {
                    await next(context).ConfigureAwait(false);
                }
                else
                {
                    response.StatusCode = StatusCodes.Status404NotFound;
                }

                return;
            }

            if (isOtlp)
            {
                response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            if (OpenPaths.Contains(path, StringComparer.Ordinal) || auth.IsValidSession(context.Request.Cookies[DashboardAuth.CookieName]))
            {
                await next(context).ConfigureAwait(false);
                return;
            }

            response.StatusCode = StatusCodes.Status401Unauthorized;
            if (path.StartsWith("/api/", StringComparison.Ordinal))
            {
                await response.WriteAsJsonAsync(new { error = "Log in with the link the AppHost printed at start." }).ConfigureAwait(false);
                return;
            }

            await StaticAssets.WriteAsync(context, "token-required.html").ConfigureAwait(false);
        });
        app.MapGet("/login", (HttpContext context, string? t) =>
        {
            if (auth.Exchange(t) is not { } session)
            {
                return StaticAssets.Page("token-required.html", StatusCodes.Status401Unauthorized);
            }

            context.Response.Cookies.Append(DashboardAuth.CookieName, session, new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Path = "/",
                IsEssential = true,
            });
            return Results.Redirect("/");
        });
        app.MapGet("/token-required", () => StaticAssets.Page("token-required.html", StatusCodes.Status401Unauthorized));
    }
}
