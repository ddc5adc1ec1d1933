using System.Globalization;
using CampTrading.Core.Engine;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CampTrading.Web.Arcade;

/// <summary>
/// The OpenAPI document <c>/openapi/v1.json</c>: only the <c>/api/</c> endpoints (not pages or form posts), the machine key
/// as an API-key security scheme, and examples of requests, answers and problems for the arcade operations.
/// </summary>
public static class ArcadeOpenApi
{
    public const string DocumentName = "v1";
    private const string SchemeId = "ArcadeKey";

    public static void Configure(OpenApiOptions options)
    {
        options.ShouldInclude = description => description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "CampTrading API",
                Version = "v1",
                Description = "Machine-facing API of the camp exchange. Arcade machines send their key in the `X-Arcade-Key` header "
                    + "(`{machineId}.{secret}`, shown once when staff register the machine on /staff/arcade). Errors are RFC 7807 problem "
                    + "details whose `code` extension is stable: branch on it, not on the text.",
            };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[SchemeId] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = ArcadeApi.KeyHeader,
                Description = "The machine key, `{machineId}.{secret}`.",
            };
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            var path = context.Description.RelativePath ?? "";
            if (!path.StartsWith(ArcadeApi.GroupPrefix.TrimStart('/'), StringComparison.Ordinal)) return Task.CompletedTask;
            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference(SchemeId, context.Document)] = [],
            });
            if (path.EndsWith("transactions", StringComparison.Ordinal)) DescribeTransaction(operation);
            else DescribeBalance(operation);
            return Task.CompletedTask;
        });
    }

    private static void DescribeTransaction(OpenApiOperation operation)
    {
        if (operation.RequestBody?.Content?.TryGetValue("application/json", out var body) == true && body is OpenApiMediaType media)
        {
            media.Examples ??= new Dictionary<string, IOpenApiExample>();
            var examples = media.Examples;
            examples["charge"] = Example("A play costs 50 points", Transaction("pinball-7f3a-000123", -50));
            examples["prize"] = Example("A prize of 200 points", Transaction("pinball-7f3a-000124", 200));
        }
        AddExample(operation, "200", "application/json", "charged", "The play was charged; 950 points are left", new JsonObject
        {
            ["transactionId"] = JsonValue.Create(42),
            ["clientTransactionId"] = JsonValue.Create("pinball-7f3a-000123"),
            ["student"] = JsonValue.Create("ABCDEFGH"),
            ["amount"] = JsonValue.Create(-50),
            ["game"] = JsonValue.Create("pinball"),
            ["balance"] = JsonValue.Create(950),
        });
        AddProblem(operation, RejectCode.InvalidAmount, "The amount must be a non-zero whole number.");
        AddProblem(operation, RejectCode.WrongSecret, "The X-Arcade-Key header is missing.");
        AddProblem(operation, RejectCode.ArcadeMachineRevoked, "This arcade machine's key has been revoked.");
        AddProblem(operation, RejectCode.AccountUnknown, "No student has the registration code 'ABCD-EFGX'.");
        AddProblem(operation, RejectCode.ArcadeTransactionConflict, "That transaction id was already used with different details.");
        AddProblem(operation, RejectCode.InsufficientPoints, "Not enough available points (need 50, have 20).", 50, 20);
        AddProblem(operation, RejectCode.TooManyAttempts, "This machine key has made too many requests; wait for Retry-After seconds.");
    }

    private static void DescribeBalance(OpenApiOperation operation)
    {
        foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>().Where(p => p.Name == "student"))
        {
            parameter.Description = "The registration code on the student's badge.";
            parameter.Example = JsonValue.Create("ABCD-EFGH");
        }
        AddExample(operation, "200", "application/json", "balance", "The student's points", new JsonObject
        {
            ["student"] = JsonValue.Create("ABCDEFGH"),
            ["name"] = JsonValue.Create("林大同"),
            ["balance"] = JsonValue.Create(1200),
            ["available"] = JsonValue.Create(950),
        });
        AddProblem(operation, RejectCode.WrongSecret, "The X-Arcade-Key header does not hold a valid machine key.");
        AddProblem(operation, RejectCode.AccountUnknown, "No student has the registration code 'ABCD-EFGX'.");
    }

    private static JsonObject Transaction(string id, long amount) => new()
    {
        ["student"] = JsonValue.Create("ABCD-EFGH"),
        ["amount"] = JsonValue.Create(amount),
        ["game"] = JsonValue.Create("pinball"),
        ["clientTransactionId"] = JsonValue.Create(id),
    };

    private static OpenApiExample Example(string summary, JsonNode value) => new() { Summary = summary, Value = value };

    /// <summary>A problem as <see cref="ArcadeProblems.For(RejectCode, string, long, long)"/> writes it.</summary>
    private static void AddProblem(OpenApiOperation operation, RejectCode code, string detail, long detail1 = 0, long detail2 = 0) =>
        AddExample(operation, ArcadeProblems.StatusOf(code).ToString(CultureInfo.InvariantCulture), "application/problem+json", RejectCodes.Code(code), detail, new JsonObject
        {
            ["type"] = JsonValue.Create(ArcadeProblems.TypeOf(code)),
            ["title"] = JsonValue.Create(RejectCodes.Message(code, CultureInfo.GetCultureInfo("en"), detail1, detail2)),
            ["status"] = JsonValue.Create(ArcadeProblems.StatusOf(code)),
            ["detail"] = JsonValue.Create(detail),
            ["code"] = JsonValue.Create(RejectCodes.Code(code)),
            ["message_zh"] = JsonValue.Create(RejectCodes.Message(code, CultureInfo.GetCultureInfo("zh-TW"), detail1, detail2)),
        });

    private static void AddExample(OpenApiOperation operation, string status, string contentType, string name, string summary, JsonNode value)
    {
        if (operation.Responses?.TryGetValue(status, out var found) != true || found is not OpenApiResponse response) return;
        response.Content ??= new Dictionary<string, OpenApiMediaType>();
        if (!response.Content.TryGetValue(contentType, out var content))
        {
            content = new OpenApiMediaType();
            response.Content[contentType] = content;
        }
        content.Examples ??= new Dictionary<string, IOpenApiExample>();
        content.Examples[name] = Example(summary, value);
    }
}
