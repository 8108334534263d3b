using ReasonFlux.Models.Local;

namespace ReasonFlux.Models.Tests.Local;

public sealed class SequenceSchedulerTests
{
    [Fact]
    public void Admits_no_more_than_the_slots_and_in_arrival_order()
    {
        var scheduler = new SequenceScheduler<string>(2);
        foreach (var s in new[] { "a", "b", "c" }) scheduler.Enqueue(s);

        var admitted = new List<string>();
        while (scheduler.TryAdmit(out var item, out _)) admitted.Add(item);

        Assert.Equal(["a", "b"], admitted);
        Assert.Equal(1, scheduler.Waiting);
    }

    [Fact]
    public void A_released_slot_goes_to_the_oldest_waiting_sequence()
    {
        var scheduler = new SequenceScheduler<string>(1);
        foreach (var s in new[] { "a", "b", "c" }) scheduler.Enqueue(s);
        scheduler.TryAdmit(out _, out var slot);

        scheduler.Release(slot);

        Assert.True(scheduler.TryAdmit(out var next, out var again));
        Assert.Equal("b", next);
        Assert.Equal(slot, again);
    }

    [Fact]
    public void Round_robin_starts_one_slot_further_each_step()
    {
        var scheduler = new SequenceScheduler<string>(3);
        foreach (var s in new[] { "a", "b", "c" }) scheduler.Enqueue(s);
        while (scheduler.TryAdmit(out _, out _)) { }
        var order = new List<(int Slot, string Item)>();

        var firsts = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            scheduler.RoundRobin(order);
            firsts.Add(order[0].Item);
        }

        Assert.Equal(["a", "b", "c"], firsts);
    }

    [Fact]
    public void Cancelled_waiting_sequences_leave_the_queue()
    {
        var scheduler = new SequenceScheduler<string>(1);
        foreach (var s in new[] { "a", "x", "b" }) scheduler.Enqueue(s);
        var removed = new List<string>();

        scheduler.RemoveWaiting(s => s == "x", removed);

        Assert.Equal(["x"], removed);
        Assert.Equal(2, scheduler.Waiting);
    }

    [Fact]
    public void Releasing_a_free_slot_is_an_error()
    {
        var scheduler = new SequenceScheduler<string>(2);
        Assert.Throws<InvalidOperationException>(() => scheduler.Release(0));
    }
}
