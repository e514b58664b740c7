using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Platform.Silo.Api;

/// <summary>Applies <see cref="NonFiniteJsonLiterals"/> to JSON request bodies of the MLflow API (small bodies; artifact uploads are never touched).</summary>
public sealed class NonFiniteJsonMiddleware(RequestDelegate next)
{
    private const long MaxBody = 64L * 1024 * 1024;
    private const long InitialBuffer = 64 * 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (HttpMethods.IsPost(request.Method) && request.HasJsonContentType() && request.ContentLength is null or <= MaxBody &&
            (request.Path.StartsWithSegments("/api/2.0/mlflow") || request.Path.StartsWithSegments("/ajax-api/2.0/mlflow")))
        {
            // Grown as the bytes arrive, not sized from the Content-Length a client claims: this runs before authentication.
            using var buffer = new MemoryStream((int)Math.Min(request.ContentLength ?? 4096, InitialBuffer));
            await request.Body.CopyToAsync(buffer, context.RequestAborted);
            var body = NonFiniteJsonLiterals.Quote(buffer.GetBuffer(), (int)buffer.Length);
            request.Body = new MemoryStream(body, writable: false);
            request.ContentLength = body.Length;
            // The body readers get it as one segment: a stream's pipe reader hands JSON binding 4 KiB segments, and System.Text.Json
            // reads segmented input more slowly (a 1000-point log-batch body is about 80 KiB).
            context.Features.Set<IRequestBodyPipeFeature>(new BufferedBody(body));
        }
        await next(context);
    }

    private sealed class BufferedBody(byte[] body) : IRequestBodyPipeFeature
    {
        public PipeReader Reader { get; } = PipeReader.Create(new ReadOnlySequence<byte>(body));
    }
}
