using Microsoft.AspNetCore.Components;

namespace CampTrading.Web.Components;

/// <summary>
/// Draws nothing itself: it gives its circuit's <see cref="CircuitFrame"/> one render in which every live component's draw
/// of a frame runs, so the components they re-render are diffed and sent as one batch. Each layout renders one.
/// </summary>
public sealed class FrameHost : IComponent, IDisposable
{
    private RenderHandle _handle;
    private RenderFragment? _drawDue;
    private bool _disposed;

    [Inject] private CircuitFrame Frame { get; set; } = default!;

    public void Attach(RenderHandle renderHandle) => _handle = renderHandle;

    public Task SetParametersAsync(ParameterView parameters)
    {
        if (_drawDue is null && _handle.RendererInfo.IsInteractive)
        {
            _drawDue = _ => Frame.DrawDue();
            Frame.Attach(this);
        }
        return Task.CompletedTask;
    }

    /// <summary>Takes the frame's draws on this circuit's context and renders them; false if the host is gone.</summary>
    internal Task<bool> TryRenderAsync(CircuitFrame frame) => _handle.Dispatcher.InvokeAsync(() =>
    {
        if (_disposed) return false;
        if (frame.TakeDue()) _handle.Render(_drawDue!);
        return true;
    });

    public void Dispose()
    {
        if (_disposed || _drawDue is null) return;
        _disposed = true;
        Frame.Detach(this);
    }
}
