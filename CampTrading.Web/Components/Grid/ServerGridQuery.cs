using MudBlazor;

namespace CampTrading.Web.Components.Grid;

/// <summary>
/// One page of a MudDataGrid's <c>ServerData</c> over rows the server already holds (QR codes, booths, arcade machines,
/// duels: hundreds, not millions): the grid's column filters, an optional search text, its sort definitions in order, then
/// the page. Only the page goes to the browser.
/// </summary>
public static class ServerGridQuery
{
    private static readonly FilterOptions CaseInsensitive = new() { FilterCaseSensitivity = DataGridFilterCaseSensitivity.CaseInsensitive };

    public static GridData<T> Page<T>(IEnumerable<T> rows, GridState<T> state, Func<T, bool>? search = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(state);
        var query = rows;
        foreach (var filter in state.FilterDefinitions)
        {
            if (filter.Column is null || filter.Operator is null) continue;
            var predicate = FilterExpressionGenerator.GenerateExpression(filter, CaseInsensitive).Compile();
            query = query.Where(predicate);
        }
        if (search is not null) query = query.Where(search);

        IOrderedEnumerable<T>? ordered = null;
        foreach (var sort in state.SortDefinitions.OrderBy(s => s.Index))
        {
            var comparer = sort.Comparer ?? Comparer<object?>.Default;
            ordered = ordered is null
                ? sort.Descending ? query.OrderByDescending(sort.SortFunc, comparer) : query.OrderBy(sort.SortFunc, comparer)
                : sort.Descending ? ordered.ThenByDescending(sort.SortFunc, comparer) : ordered.ThenBy(sort.SortFunc, comparer);
        }
        var all = (ordered ?? query).ToList();
        var size = state.PageSize > 0 ? state.PageSize : all.Count;
        var page = Math.Max(0, state.Page);
        return new GridData<T> { TotalItems = all.Count, Items = size == 0 ? all : all.Skip(page * size).Take(size).ToList() };
    }

    /// <summary>True when the text is empty or any of the values contains it (case-insensitive).</summary>
    public static bool Contains(string? text, params string?[] values) =>
        string.IsNullOrWhiteSpace(text) || values.Any(v => v?.Contains(text.Trim(), StringComparison.OrdinalIgnoreCase) == true);
}
