using Microsoft.AspNetCore.Http.Metadata;

namespace Platform.Silo.Security;

/// <summary>Endpoint metadata that routing applies to the request's body size limit (Kestrel answers a bigger body with 413).</summary>
internal sealed record RequestBodyLimit(long? MaxRequestBodySize) : IRequestSizeLimitMetadata;
