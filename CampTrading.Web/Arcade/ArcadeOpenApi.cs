using System.Globalization;
using CampTrading.Core.Engine;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi.Any;
using Microsoft.OpenApi.Models;

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
            operation.Security.Add(new OpenApiSecurityRequirement
            {
                [new OpenApiSecurityScheme { Reference = new OpenApiReference { Type = ReferenceType.SecurityScheme, Id = SchemeId } }] = [],
            });
            if (path.EndsWith("transactions", StringComparison.Ordinal)) DescribeTransaction(operation);
            else DescribeBalance(operation);
            return Task.CompletedTask;
        });
    }

    private static void DescribeTransaction(OpenApiOperation operation)
    {
        if (operation.RequestBody?.Content.TryGetValue("application/json", out var body) == true)
        {
            body.Examples["charge"] = Example("A play costs 50 points", Transaction("pinball-7f3a-000123", -50));
            body.Examples["prize"] = Example("A prize of 200 points", Transaction("pinball-7f3a-000124", 200));
        }
        AddExample(operation, "200", "application/json", "charged", "The play was charged; 950 points are left", new OpenApiObject
        {
            ["transactionId"] = new OpenApiLong(42),
            ["clientTransactionId"] = new OpenApiString("pinball-7f3a-000123"),
            ["student"] = new OpenApiString("ABCDEFGH"),
            ["amount"] = new OpenApiLong(-50),
            ["game"] = new OpenApiString("pinball"),
            ["balance"] = new OpenApiLong(950),
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
        foreach (var parameter in operation.Parameters.Where(p => p.Name == "student"))
        {
            parameter.Description = "The registration code on the student's badge.";
            parameter.Example = new OpenApiString("ABCD-EFGH");
        }
        AddExample(operation, "200", "application/json", "balance", "The student's points", new OpenApiObject
        {
            ["student"] = new OpenApiString("ABCDEFGH"),
            ["name"] = new OpenApiString("林大同"),
            ["balance"] = new OpenApiLong(1200),
            ["available"] = new OpenApiLong(950),
        });
        AddProblem(operation, RejectCode.WrongSecret, "The X-Arcade-Key header does not hold a valid machine key.");
        AddProblem(operation, RejectCode.AccountUnknown, "No student has the registration code 'ABCD-EFGX'.");
    }

    private static OpenApiObject Transaction(string id, long amount) => new()
    {
        ["student"] = new OpenApiString("ABCD-EFGH"),
        ["amount"] = new OpenApiLong(amount),
        ["game"] = new OpenApiString("pinball"),
        ["clientTransactionId"] = new OpenApiString(id),
    };

    private static OpenApiExample Example(string summary, IOpenApiAny value) => new() { Summary = summary, Value = value };

    /// <summary>A problem as <see cref="ArcadeProblems.For(RejectCode, string, long, long)"/> writes it.</summary>
    private static void AddProblem(OpenApiOperation operation, RejectCode code, string detail, long detail1 = 0, long detail2 = 0) =>
        AddExample(operation, ArcadeProblems.StatusOf(code).ToString(CultureInfo.InvariantCulture), "application/problem+json", RejectCodes.Code(code), detail, new OpenApiObject
        {
            ["type"] = new OpenApiString(ArcadeProblems.TypeOf(code)),
            ["title"] = new OpenApiString(RejectCodes.Message(code, CultureInfo.GetCultureInfo("en"), detail1, detail2)),
            ["status"] = new OpenApiInteger(ArcadeProblems.StatusOf(code)),
            ["detail"] = new OpenApiString(detail),
            ["code"] = new OpenApiString(RejectCodes.Code(code)),
            ["message_zh"] = new OpenApiString(RejectCodes.Message(code, CultureInfo.GetCultureInfo("zh-TW"), detail1, detail2)),
        });

    private static void AddExample(OpenApiOperation operation, string status, string contentType, string name, string summary, IOpenApiAny value)
    {
        if (!operation.Responses.TryGetValue(status, out var response)) return;
        if (!response.Content.TryGetValue(contentType, out var content))
        {
            content = new OpenApiMediaType();
            response.Content[contentType] = content;
        }
        content.Examples[name] = Example(summary, value);
    }
}
