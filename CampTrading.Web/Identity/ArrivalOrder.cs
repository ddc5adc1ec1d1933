namespace CampTrading.Web.Identity;

/// <summary>
/// Hands a circuit's inbound activities on in the order they arrived although each first awaits a check of its own. A
/// click is sent before the acknowledgement of the render that replaced its button; if a slow check let the
/// acknowledgement overtake it, the renderer would have forgotten the click's handler and the click would be lost. Each
/// activity waits only until the one before it has been handed on (or refused), never for it to finish, so an event
/// handler awaiting a dialog does not hold up the dialog's own clicks.
/// </summary>
internal sealed class ArrivalOrder
{
    private Task _previousHandedOn = Task.CompletedTask;

    /// <summary>Runs <paramref name="next"/> if <paramref name="check"/> allows it, else <paramref name="refused"/>, in arrival order.</summary>
    public Task RunAsync(Func<Task<bool>> check, Func<Task> next, Action refused)
    {
        var handedOn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var previous = Interlocked.Exchange(ref _previousHandedOn, handedOn.Task);
        return RunAfterAsync(previous, handedOn, check, next, refused);
    }

    private static async Task RunAfterAsync(Task previous, TaskCompletionSource handedOn, Func<Task<bool>> check, Func<Task> next,
        Action refused)
    {
        Task running;
        try
        {
            var allowed = await check();
            await previous;
            if (!allowed)
            {
                refused();
                return;
            }
            running = next();
        }
        finally
        {
            handedOn.TrySetResult();
        }
        await running;
    }
}
