using TestGate.Core.Model;
using TestGate.Core.Suite;
using static TestGate.Core.Rules.ResilienceText;
using static TestGate.Core.Rules.Prose;

namespace TestGate.Core.Rules;

public static partial class StructuralRules
{
    static partial void Webhooks(SuiteModel suite, List<Finding> findings) => WebhookRules.Evaluate(suite, findings);
}

/// <summary>
/// TG0501–TG0504: every webhook handler needs tests for duplicate delivery, out-of-order delivery, partial failure
/// followed by a retry, and exactly-once effect. A handler is found by its name, by the payload its public methods take,
/// or by the provider signature it verifies; a test counts for a handler when it delivers to it (calls its handling
/// method, posts to a webhook route, or re-sends through a harness that builds it) and its name and body show the intent.
/// </summary>
internal static class WebhookRules
{
    private static readonly IReadOnlyList<string[]> StrongDuplicateWords = Phrases(
        "duplicate", "duplicates", "duplicated", "twice",
        "idempotent", "idempotency", "idempotently", "replay", "replayed", "replays", "replaying",
        "same event", "same webhook", "same payload", "same notification", "same message", "same delivery");

    /// <summary>
    /// Words that say "duplicate" only when nothing failed first: "fails, then succeeds again" and "the redelivery after
    /// a failure is applied" are retries.
    /// </summary>
    private static readonly IReadOnlyList<string[]> WeakDuplicateWords = Phrases(
        "again", "repeated", "repeat", "repeats", "redelivery", "redeliveries", "redelivered", "redeliver", "redelivers", "resent", "resend", "resends");

    private static readonly IReadOnlyList<string[]> DuplicateWords = [.. StrongDuplicateWords, .. WeakDuplicateWords];

    private static readonly IReadOnlyList<string[]> OutOfOrderWords = Phrases(
        "out of order", "outoforder", "out of sequence", "older", "old", "stale", "reordered", "reorder", "reordering", "late", "earlier",
        "outdated", "superseded", "obsolete", "sequence", "reversed", "unordered", "previous");

    private static readonly IReadOnlyList<string[]> RetryWords = Phrases(
        "retry", "retries", "retried", "retrying", "redelivery", "redeliveries", "redelivered", "redeliver", "redelivers");

    private static readonly IReadOnlyList<string[]> AfterFailureWords = Phrases(
        "then", "again", "succeeds", "succeeded", "second", "next", "later", "eventually", "recovers", "recovered", "after", "heals");

    private static readonly IReadOnlyList<string[]> OnceWords = Phrases(
        "once", "exactly", "single", "singly", "only one", "one time", "at most once");

    private static readonly IReadOnlyList<string[]> ConcurrentWords = Phrases(
        "concurrent", "concurrently", "parallel", "simultaneous", "simultaneously", "race", "races", "racing", "at the same time");

    private static readonly string[] HttpSendNames = ["PostAsync", "PostAsJsonAsync", "PutAsync", "PutAsJsonAsync", "PatchAsync", "PatchAsJsonAsync", "SendAsync"];

    private static readonly string[] DeliveryVerbs =
    [
        "Handle", "Process", "Deliver", "Redeliver", "Send", "Resend", "Post", "Receive", "Consume", "Ingest", "Dispatch", "Publish",
        "Replay", "Simulate", "Raise", "Push", "Accept", "Notify", "Trigger",
    ];

    public static void Evaluate(SuiteModel suite, List<Finding> findings)
    {
        var handlers = WebhookHandlers.Find(suite);
        if (handlers.Count == 0)
        {
            return;
        }

        var evidence = new TestEvidence(suite);
        var deliveriesOf = Deliveries(suite, handlers, evidence);
        var proven = new Dictionary<WebhookHandler, Proof>(ReferenceEqualityComparer.Instance);
        foreach (var handler in handlers)
        {
            var deliveries = deliveriesOf[handler];
            var repeated = deliveries.Where(d => d.Repeated).ToArray();

            // A duplicate is a redelivery after the event was handled; deliveries of one event racing each other are the
            // exactly-once test's concern.
            var duplicate = repeated.Where(d => !d.Test.Actions.FansOut && IsDuplicateTest(d.Test, evidence)).ToArray();
            proven[handler] = new Proof(
                deliveries,
                repeated,
                duplicate,
                repeated.Where(IsOutOfOrderTest).ToArray(),
                repeated.Where(d => FailsFirst(d.Test, evidence)
                    && (d.Test.Says(RetryWords) || (d.Test.Says(FailureWords) && d.Test.Says(AfterFailureWords)))).ToArray(),
                // Exactly once is more than "a duplicate changes nothing": deliveries run concurrently, where a
                // check-then-act race would apply the event twice, and the test counts one effect.
                deliveries.Where(d => d.Test.Actions.FansOut && d.Test.Actions.AssertsExactlyOne).ToArray());
        }

        // An endpoint that hands the event on as a command (new IngestLabResultCommand(...) sent through MediatR) is judged
        // at the command's handler, where the idempotency lives; a test through the endpoint proves the handler too.
        var delegates = handlers.ToDictionary(
            h => h,
            h => handlers.Where(other => !ReferenceEquals(other, h) && IsHandedOnBy(other, h)).ToArray(),
            (IEqualityComparer<WebhookHandler>)ReferenceEqualityComparer.Instance);
        foreach (var handler in handlers)
        {
            if (delegates[handler].Length > 0)
            {
                continue;
            }

            var endpoints = handlers.Where(h => delegates[h].Contains(handler)).ToArray();
            bool ProvenBy(Func<Proof, Delivery[]> property) => property(proven[handler]).Length > 0 || endpoints.Any(e => property(proven[e]).Length > 0);

            var proof = proven[handler];
            var idioms = evidence.Idioms;
            if (!ProvenBy(p => p.Duplicate))
            {
                findings.Add(DuplicateFinding(handler, proof.Deliveries, idioms));
            }

            if (!ProvenBy(p => p.OutOfOrder))
            {
                findings.Add(OutOfOrderFinding(handler, proof.Repeated, idioms));
            }

            if (!ProvenBy(p => p.Retry))
            {
                findings.Add(RetryFinding(handler, proof.Repeated, idioms));
            }

            if (!ProvenBy(p => p.ExactlyOnce))
            {
                var finding = ExactlyOnceFinding(handler, proof.Duplicate.Length > 0 ? proof.Duplicate : proof.Repeated, proof.Duplicate.Length > 0, idioms);

                // A sequential redelivery that counts one effect proves the duplicate check, not that it holds under a race.
                findings.Add(proof.Duplicate.Any(d => d.Test.Actions.AssertsExactlyOne)
                    ? finding.GradedTo(Severity.P2, $"{Tests(proof.Duplicate.Where(d => d.Test.Actions.AssertsExactlyOne).ToArray(), "count")} one effect after a sequential redelivery: a warning until deliveries race")
                    : finding);
            }
        }
    }

    /// <summary>
    /// The body delivers an older event after a newer one, or the name says so and the body does not show the events
    /// sent in order (a name alone is not enough where every delivery's sequence rises one step; sent concurrently, they
    /// may arrive in any order).
    /// </summary>
    private static bool IsOutOfOrderTest(Delivery delivery) =>
        delivery.Test.Actions.Order == DeliveryOrder.Reversed
        || (delivery.Test.Says(OutOfOrderWords) && (delivery.Test.Actions.Order != DeliveryOrder.InOrder || delivery.Test.Actions.FansOut));

    /// <summary>
    /// The endpoint hands the webhook to the handler: the handler takes a command the endpoint creates, or the endpoint
    /// gets the handler injected (a minimal API route handler's parameter, a controller's constructor dependency).
    /// </summary>
    private static bool IsHandedOnBy(WebhookHandler handler, WebhookHandler endpoint)
    {
        var handlerNames = handler.Facts.BaseTypes.Append(handler.Facts.Type.SimpleName).ToArray();
        return handler.Methods.Any(m => m.ParameterTypes.Any(endpoint.Creates))
            || endpoint.Methods.Any(m => m.ParameterTypes.Any(handlerNames.Contains))
            || endpoint.Facts.DependencyTypes.Any(handlerNames.Contains);
    }

    /// <summary>A handler's deliveries and those that prove each webhook property.</summary>
    private sealed record Proof(
        IReadOnlyList<Delivery> Deliveries, Delivery[] Repeated, Delivery[] Duplicate, Delivery[] OutOfOrder, Delivery[] Retry, Delivery[] ExactlyOnce);

    private sealed record Delivery(EvidenceTest Test, bool Repeated);

    private static bool IsDuplicateTest(EvidenceTest test, TestEvidence evidence) =>
        test.Says(StrongDuplicateWords)
        || (test.Says(WeakDuplicateWords) && !FailsFirst(test, evidence));

    /// <summary>
    /// The deliveries of every handler, in one pass over the tests. A test tied to a handler by name (it, or a harness it
    /// uses, names the handler; or its class is named after it) counts only for those handlers. A test tied to none
    /// counts for every handler whose handling method it calls, unless it names another production type declaring a
    /// method of that name (then it calls that one). A test posting to a webhook route counts for the handler the route
    /// names (or the only one).
    /// </summary>
    private static Dictionary<WebhookHandler, List<Delivery>> Deliveries(SuiteModel suite, IReadOnlyList<WebhookHandler> handlers, TestEvidence evidence)
    {
        var result = new Dictionary<WebhookHandler, List<Delivery>>(ReferenceEqualityComparer.Instance);
        foreach (var handler in handlers)
        {
            result[handler] = [];
        }

        var reachedThrough = new Dictionary<string, List<WebhookHandler>>(StringComparer.Ordinal);
        var namedAfter = new Dictionary<string, List<WebhookHandler>>(StringComparer.Ordinal);
        var namedAfterStem = new Dictionary<string, List<WebhookHandler>>(StringComparer.Ordinal);
        var byMethod = new Dictionary<string, List<WebhookHandler>>(StringComparer.Ordinal);
        foreach (var handler in handlers)
        {
            foreach (var name in evidence.HelpersNaming(handler.Name).Append(handler.Name))
            {
                Add(reachedThrough, name, handler);
            }

            Add(namedAfter, handler.Name, handler);
            if (handler.Stem.Length > "Webhook".Length)
            {
                Add(namedAfterStem, handler.Stem, handler);
            }

            foreach (var method in handler.Methods.Select(m => m.Name).Distinct(StringComparer.Ordinal))
            {
                Add(byMethod, method, handler);
            }
        }

        var declaring = suite.Production
            .SelectMany(p => p.Methods.Where(m => byMethod.ContainsKey(m.Name)).Select(m => (Method: m.Name, Type: p)))
            .ToLookup(x => x.Method, x => x.Type, StringComparer.Ordinal);

        foreach (var test in evidence.Tests)
        {
            var facts = test.Facts;
            var actions = test.Actions;
            var sendsToRoute = actions.WebhookRoutes.Count > 0;
            var callsHandler = facts.InvokedMembers.Any(byMethod.ContainsKey);
            var callsVerb = facts.InvokedMembers.Any(IsDeliveryVerb);
            if (!sendsToRoute && !callsHandler && !callsVerb)
            {
                continue;
            }

            // A test class about another production type (CustomerTierChangedConsumerTests) reaches a handler through a
            // shared host or harness without being about it: only the handlers it calls count there.
            var subject = TypeNames.SubjectOfTestClass(facts.Method.ClassName);
            var aboutAnotherType = subject is not null && suite.ProductionBySimpleName.Contains(subject) && !handlers.Any(h => h.Name == subject);
            var explicitLinks = new HashSet<WebhookHandler>(ReferenceEqualityComparer.Instance);
            foreach (var name in evidence.DirectNames(test))
            {
                if (reachedThrough.TryGetValue(name, out var reached))
                {
                    explicitLinks.UnionWith(aboutAnotherType ? reached.Where(h => h.Methods.Any(m => facts.Invokes(m.Name))) : reached);
                }
            }

            // A class named after a handler (StripeWebhookReceiverTests) is about that one; only a class named after the
            // shared stem (StripeWebhookTests) is about every handler of that stem.
            var prefixes = Prefixes(TypeNames.SimpleNameOf(facts.Method.ClassName)).ToArray();
            var namedHandlers = prefixes.Where(namedAfter.ContainsKey).SelectMany(p => namedAfter[p]).ToArray();
            explicitLinks.UnionWith(namedHandlers.Length > 0 ? namedHandlers : prefixes.Where(namedAfterStem.ContainsKey).SelectMany(p => namedAfterStem[p]));

            var linked = new HashSet<WebhookHandler>(explicitLinks, ReferenceEqualityComparer.Instance);
            if (explicitLinks.Count == 0)
            {
                foreach (var member in facts.InvokedMembers.Where(byMethod.ContainsKey))
                {
                    var others = declaring[member];
                    linked.UnionWith(byMethod[member].Where(h => !others.Any(o => !ReferenceEquals(o, h.Facts)
                        && (facts.Mentions(o.Type.SimpleName) || facts.Creates(o.Type.SimpleName) || facts.Mocks(o.Type.SimpleName)))));
                }
            }

            var viaHttp = new HashSet<WebhookHandler>(ReferenceEqualityComparer.Instance);
            if (sendsToRoute)
            {
                viaHttp.UnionWith(handlers.Count == 1
                    ? handlers
                    : handlers.Where(h => actions.WebhookRoutes.Any(r => h.StemWords.Any(w => ContainsIgnoreCase(r, w)))));
                linked.UnionWith(viaHttp);
            }

            foreach (var handler in linked)
            {
                var calls = handler.Methods.Any(m => facts.Invokes(m.Name));
                var http = viaHttp.Contains(handler);
                var viaHelper = explicitLinks.Contains(handler) && callsVerb;
                if (!(calls || http || viaHelper))
                {
                    continue;
                }

                // Over HTTP, a test's own request helper (client.PostLabResultAsync(id, body)) delivers as SendAsync does.
                var repeated = handler.Methods.Any(m => actions.Repeats(m.Name))
                    || (http && HttpSendNames.Any(actions.Repeats))
                    || ((viaHelper || http) && (actions.RepeatedCalls.Any(IsDeliveryVerb) || actions.ResentCalls.Any(IsDeliveryVerb)));
                result[handler].Add(new Delivery(test, repeated));
            }
        }

        return result;

        static void Add(Dictionary<string, List<WebhookHandler>> index, string key, WebhookHandler handler)
        {
            if (!index.TryGetValue(key, out var list))
            {
                index[key] = list = [];
            }

            if (!list.Any(h => ReferenceEquals(h, handler)))
            {
                list.Add(handler);
            }
        }
    }

    /// <summary>The prefixes of a class name that end at a word boundary: PaymentWebhookTests → Payment, PaymentWebhook, PaymentWebhookTests.</summary>
    private static IEnumerable<string> Prefixes(string className)
    {
        for (var i = 1; i <= className.Length; i++)
        {
            if (i == className.Length || char.IsUpper(className[i]) || className[i] == '_')
            {
                yield return className[..i];
            }
        }
    }

    private static bool IsDeliveryVerb(string member) => DeliveryVerbs.Any(v =>
        member.StartsWith(v, StringComparison.Ordinal) && (member.Length == v.Length || !char.IsLower(member[v.Length])));

    /// <summary>
    /// The first delivery fails: the test asserts or catches an exception, sets a double up to throw, or makes the
    /// database fail (SQL that raises, directly or through a helper it calls; a helper member named for the failure).
    /// </summary>
    internal static bool FailsFirst(EvidenceTest test, TestEvidence evidence) =>
        test.Actions.AssertsThrows
        || test.Actions.CatchesException
        || test.Actions.InjectsThrow
        || FailureModeRules.HasDatabaseFailureSql(test.Facts.StringLiterals)
        || evidence.CallsDatabaseFailure(test)
        || (evidence.AnyThrowingHelper && evidence.HelpersOf(test).Any(h => h.FailingMembers.Any(m => test.Facts.Invokes(m) && FailureModeRules.IsFailureName(m))));

    private static string Effects(WebhookHandler handler) =>
        handler.Effects.Count == 0 ? "its side effects" : "its calls into " + List(handler.Effects);

    /// <summary>"Test A.B delivers" / "Tests A.B and C.D deliver" (at most three named).</summary>
    private static string Tests(IReadOnlyCollection<Delivery> deliveries, string verb)
    {
        var names = deliveries.Select(d => d.Test.Name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var plural = names.Length > 1;
        var conjugated = plural ? verb : verb.EndsWith('y') ? verb[..^1] + "ies" : verb + "s";
        return $"{(plural ? "Tests" : "Test")} {List(names, 3)} {conjugated}";
    }

    private static Finding DuplicateFinding(WebhookHandler handler, IReadOnlyList<Delivery> deliveries, TestIdioms idioms)
    {
        var rule = RuleCatalog.Get("TG0501");
        var seen = deliveries.Count == 0
            ? " No test delivers to it at all."
            : deliveries.Any(d => d.Repeated)
                ? $" {Tests(deliveries.Where(d => d.Repeated).ToArray(), "deliver")} more than once, but the names do not say duplicate, redelivery or idempotent."
                : $" {Tests(deliveries, "deliver")} to it only once.";
        var variable = handler.PayloadVariable();
        var call = handler.Call("handler", variable, idioms);
        return new Finding(
            rule.Id,
            rule.DefaultSeverity,
            $"No test delivers the same {handler.Payload} twice to {handler.EntryName} and asserts a single effect (duplicate delivery).{seen}",
            $"Webhook providers deliver at least once and redeliver whenever an acknowledgement is slow or lost, so {handler.Name} will receive the same {handler.Payload} again. Nothing proves the redelivery is recognised: it can repeat {Effects(handler)} (a payment applied twice, a second email, a double refund).",
            "Integration",
            Lines(
                idioms.TestAttribute(async: true),
                idioms.AsyncSignature($"{handler.EntryMethodName}_Same{handler.PayloadName}DeliveredTwice_IsAppliedOnce"),
                "{",
                $"    var handler = Create{handler.Name}(); // real database; fakes only for external systems",
                handler.PayloadDeclaration("evt-1"),
                string.Empty,
                $"    {call};",
                $"    {call}; // the provider redelivers the same event",
                string.Empty,
                $"    {idioms.Equal("1", "await CountEffectsAsync(\"evt-1\")")} // {handler.EffectHint}",
                "}"),
            handler.Location);
    }

    private static Finding OutOfOrderFinding(WebhookHandler handler, IReadOnlyList<Delivery> repeated, TestIdioms idioms)
    {
        var rule = RuleCatalog.Get("TG0502");
        var seen = repeated.Count == 0 ? string.Empty : $" {Tests(repeated, "deliver")} several times, but not an older event after a newer one.";
        var newer = handler.PayloadVariable("Newer");
        var older = handler.PayloadVariable("Older");
        return new Finding(
            rule.Id,
            rule.DefaultSeverity,
            $"No test delivers {handler.Payload}s to {handler.EntryName} out of order (a newer event first, then an older one) and asserts the older one does not undo the newer state.{seen}",
            $"Providers do not guarantee delivery order: an older {handler.Payload} delayed in a retry queue can arrive after a newer one and roll back what {handler.Name} applied through {(handler.Effects.Count == 0 ? "its side effects" : List(handler.Effects))} (a late 'failed' event undoing 'succeeded'). Nothing tests how {handler.Name} orders events.",
            "Integration",
            Lines(
                idioms.TestAttribute(async: true),
                idioms.AsyncSignature($"{handler.EntryMethodName}_Older{handler.PayloadName}AfterNewerOne_IsIgnored"),
                "{",
                $"    var handler = Create{handler.Name}();",
                handler.PayloadDeclaration("evt-2", "Newer", "2"),
                handler.PayloadDeclaration("evt-1", "Older", "1"),
                string.Empty,
                $"    {handler.Call("handler", newer, idioms)};",
                $"    {handler.Call("handler", older, idioms)}; // arrives late",
                string.Empty,
                $"    {idioms.Equal("\"evt-2\"", "await LastAppliedEventAsync()")} // the newer state wins",
                "}"),
            handler.Location);
    }

    private static Finding RetryFinding(WebhookHandler handler, IReadOnlyList<Delivery> repeated, TestIdioms idioms)
    {
        var rule = RuleCatalog.Get("TG0503");
        var variable = handler.PayloadVariable();
        var failing = handler.Effects.FirstOrDefault(e => FailureModeRules.IsPersistenceName(e)) ?? handler.Effects.FirstOrDefault() ?? "its store";
        var seen = repeated.Count == 0 ? string.Empty : $" {Tests(repeated, "deliver")} more than once, but not again after a failed attempt.";
        var call = handler.Call("handler", variable, idioms);
        var awaited = call.StartsWith("await ", StringComparison.Ordinal);
        return new Finding(
            rule.Id,
            rule.DefaultSeverity,
            $"No test makes {handler.EntryName} fail part-way through {Article(handler.Payload)} {handler.Payload} and then redelivers it, asserting the retry completes the work once (partial failure + retry).{seen}",
            $"When {handler.Name} fails after part of its work (through {(handler.Effects.Count == 0 ? "its dependencies" : List(handler.Effects))}), the provider retries. Untested, the retry can be answered as a duplicate so the work is lost, or repeat the part that already happened.",
            "Integration",
            Lines(
                idioms.TestAttribute(async: true),
                idioms.AsyncSignature($"{handler.EntryMethodName}_FailsPartWayThenProviderRetries_RetryIsAppliedOnce"),
                "{",
                $"    var handler = Create{handler.Name}();",
                handler.PayloadDeclaration("evt-1"),
                $"    FailNextWrite(); // e.g. make the write through {failing} fail (a trigger that raises, a failing fake)",
                string.Empty,
                "    " + idioms.Throws("Exception", awaited ? call["await ".Length..] : call, awaited),
                "    Heal();",
                $"    {call}; // the provider's retry",
                string.Empty,
                $"    {idioms.Equal("1", "await CountEffectsAsync(\"evt-1\")")}",
                "}"),
            handler.Location);
    }

    private static Finding ExactlyOnceFinding(WebhookHandler handler, IReadOnlyList<Delivery> related, bool duplicates, TestIdioms idioms)
    {
        var rule = RuleCatalog.Get("TG0504");
        var variable = handler.PayloadVariable();
        var seen = related.Count == 0 ? string.Empty
            : duplicates ? $" {Tests(related, "redeliver")} the same event one delivery after another, never concurrently."
            : $" {Tests(related, "deliver")} more than once, but not as a duplicate or concurrent delivery asserting a count of one.";
        var call = handler.Call("handler", variable, idioms);
        var task = call.StartsWith("await ", StringComparison.Ordinal) ? call["await ".Length..] : call;
        return new Finding(
            rule.Id,
            rule.DefaultSeverity,
            $"No test delivers {Article(handler.Payload)} {handler.Payload} to {handler.EntryName} several times concurrently and asserts it is applied exactly once (effect count == 1).{seen}",
            $"Redeliveries of one event can arrive in parallel and race through {handler.Name}'s duplicate check; a check-then-act gap applies {Effects(handler)} twice. Only a test that counts the effect after duplicate or concurrent delivery shows exactly-once.",
            "Integration",
            Lines(
                idioms.TestAttribute(async: true),
                idioms.AsyncSignature($"{handler.EntryMethodName}_ConcurrentDeliveriesOfOne{handler.PayloadName}_ApplyItExactlyOnce"),
                "{",
                $"    var handler = Create{handler.Name}(); // real database",
                handler.PayloadDeclaration("evt-1"),
                string.Empty,
                $"    await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => {task})));",
                string.Empty,
                $"    {idioms.Equal("1", "await CountEffectsAsync(\"evt-1\")")} // {handler.EffectHint}",
                "}"),
            handler.Location);
    }
}

/// <summary>A webhook handler found in production code, with its handling methods and the payload they take.</summary>
internal sealed record WebhookHandler(
    ProductionFacts Facts,
    string Stem,
    IReadOnlyList<string> StemWords,
    IReadOnlyList<MethodFacts> Methods,
    IReadOnlyList<string> PayloadTypes,
    IReadOnlyList<string> Effects)
{
    public string Name => Facts.Type.SimpleName;

    public MethodFacts? Entry => Methods.FirstOrDefault();

    public string EntryName => Entry is null ? Name : $"{Name}.{Entry.Name}";

    /// <summary>The handler's code creates a value of that type (a command it sends on).</summary>
    public bool Creates(string type) => Facts.CreatedTypes.Contains(type, StringComparer.Ordinal);

    public string EntryMethodName => Entry?.Name ?? "Handle";

    /// <summary>The payload type, or "event" when the handler takes the raw body (a string) or nothing typed.</summary>
    public string Payload => PayloadTypes.FirstOrDefault() ?? "event";

    private bool TypedPayload => PayloadTypes.Count > 0;

    /// <summary>The payload variable of outlines: <c>paymentWebhook</c>, or <c>payload</c> for a raw body.</summary>
    public string PayloadVariable(string prefix = "") =>
        TypedPayload ? TestIdioms.VariableOf(prefix.Length == 0 ? Payload : prefix + Payload) : prefix.Length == 0 ? "payload" : prefix + "Payload";

    /// <summary><c>var paymentWebhook = TestData.PaymentWebhook(eventId: "evt-1");</c>, or a signed raw body.</summary>
    public string PayloadDeclaration(string eventId, string prefix = "", string? sequence = null) =>
        TypedPayload
            ? $"    var {PayloadVariable(prefix)} = TestData.{Payload}(eventId: \"{eventId}\"{(sequence is null ? string.Empty : ", sequence: " + sequence)});"
            : $"    var {PayloadVariable(prefix)} = TestData.SignedEventBody(eventId: \"{eventId}\"{(sequence is null ? string.Empty : ", sequence: " + sequence)}); // the provider's raw JSON";

    /// <summary>For names: <c>PaymentWebhook</c>, or <c>Event</c>.</summary>
    public string PayloadName => TypedPayload ? Payload : "Event";

    public string EffectHint => Effects.Count == 0 ? "count what the handler changed" : $"e.g. what it wrote through {Effects[0]}";

    public SourceLocation Location => new(Facts.Type.Path, Entry?.Line ?? Facts.Type.Line, Facts.Type.FullName);

    /// <summary>A call of the entry method with the payload variable and placeholders for the other parameters.</summary>
    public string Call(string receiver, string payloadVariable, TestIdioms idioms)
    {
        if (Entry is null)
        {
            return $"await {receiver}.HandleAsync({payloadVariable}, {idioms.Token})";
        }

        var variables = new Dictionary<string, string>(StringComparer.Ordinal) { [TypedPayload ? Payload : "string"] = payloadVariable };
        return ResilienceText.Await($"{receiver}.{Entry.Name}({ResilienceText.Arguments(Entry.ParameterTypes, idioms, variables)})", ResilienceText.IsAsync(Entry));
    }
}

/// <summary>
/// Finds webhook handlers: production classes (not abstract or static) that receive provider events:
/// <list type="bullet">
/// <item>named <c>*Webhook*Handler</c>, <c>*Webhook*Controller</c>, <c>*Webhook*Endpoint(s)</c>, <c>*Webhook*Processor</c>,
/// <c>*Webhook*Receiver</c>, with a public method that receives (takes a webhook or event payload, or is named
/// <c>Handle*</c>/<c>Process*</c>/<c>Receive*</c>/<c>Post*</c>/... or for a webhook/event/notification);</item>
/// <item>or with a public <c>Handle*</c>/<c>Process*</c>/<c>Receive*</c>/<c>Consume*</c>/<c>Ingest*</c>/<c>Accept*</c>/<c>On*</c> method
/// taking a <c>*Webhook*</c> payload;</item>
/// <item>or verifying a provider's webhook signature (Stripe <c>ConstructEvent</c>, a <c>*-Signature</c> header literal).</item>
/// </list>
/// Not handlers: senders of outgoing webhooks and subscription management (<c>*Sender</c>, <c>*Publisher</c>, <c>*Dispatcher</c>,
/// <c>*Client</c>, <c>*Subscription*</c>, <c>*Delivery*</c>, ...), authentication/exception/HTTP-pipeline handlers (by name or
/// base type), interfaces and abstract bases.
/// </summary>
internal static class WebhookHandlers
{
    private static readonly string[] HandlerSuffixes = ["Handler", "Controller", "Endpoint", "Endpoints", "Processor", "Receiver"];

    private static readonly string[] NotHandlerWords =
    [
        "Sender", "Publisher", "Dispatcher", "Client", "Notifier", "Emitter", "Outbox", "Subscription", "Subscriber", "Registration",
        "Delivery", "Deliveries", "Exception", "Authentication", "Authorization", "Signature", "Validation", "Validator", "Retry", "Test",
    ];

    private static readonly string[] NotHandlerBases =
    [
        "DelegatingHandler", "HttpMessageHandler", "HttpClientHandler", "AuthenticationHandler", "AuthorizationHandler", "IAuthorizationHandler",
        "IExceptionHandler", "IMiddleware", "ExceptionFilterAttribute", "ActionFilterAttribute", "IAsyncActionFilter", "IActionFilter",
        "IEndpointFilter",
    ];

    private static readonly string[] NotPayloadSuffixes =
    [
        "Handler", "Controller", "Endpoint", "Endpoints", "Processor", "Receiver", "Options", "Settings", "Configuration", "Config", "Client",
        "Service", "Repository", "Store", "Factory", "Sender", "Publisher", "Dispatcher", "Validator", "Registry", "Logger", "Provider",
        "Verifier", "Serializer", "Parser", "Signer", "Router", "Queue", "Context", "Type", "Kind", "Status", "Id",
    ];

    private static readonly string[] NotPayloadWords = ["Subscription", "Subscribe", "Registration", "Setting", "Option", "Config"];

    private static readonly string[] EventPayloadSuffixes = ["Event", "Payload", "Notification", "Callback", "Message", "Envelope"];

    private static readonly string[] HandlingPrefixes = ["Handle", "Process", "Receive", "Consume", "Ingest", "Accept", "On", "Post", "Apply"];

    private static readonly string[] ManagementPrefixes =
    [
        "Subscribe", "Unsubscribe", "Register", "Unregister", "List", "Get", "Delete", "Remove", "Update", "Create", "Test", "Verify",
        "Send", "Publish", "Validate", "Enable", "Disable", "Retry", "Resend",
    ];

    private static readonly HashSet<string> NotEffects = new(StringComparer.Ordinal)
    {
        "ILogger", "ILoggerFactory", "TimeProvider", "IClock", "ISystemClock", "IOptions", "IOptionsMonitor", "IOptionsSnapshot",
        "CancellationToken", "string", "int", "long", "bool", "Guid", "IConfiguration", "IServiceProvider", "ActivitySource", "Meter",
        "IMeterFactory", "JsonSerializerOptions", "IHttpContextAccessor", "IWebHostEnvironment", "IHostEnvironment",
    };

    private static bool IsInDomain(ProductionFacts type) =>
        $"{type.Type.Namespace}.{type.Type.Assembly}".Split('.').Any(s => s.StartsWith("Domain", StringComparison.Ordinal));

    public static IReadOnlyList<WebhookHandler> Find(SuiteModel suite)
    {
        var abstractOrStatic = suite.CallGraph.Where(t => t.IsAbstract || t.IsStatic).Select(t => (t.Assembly, t.FullName)).ToHashSet();
        var handlers = new List<WebhookHandler>();
        foreach (var type in suite.Production)
        {
            var name = type.Type.SimpleName;
            var minimalApi = IsMinimalApiWebhookEndpoints(type);
            if (type.Kind != "class" || (abstractOrStatic.Contains((type.Type.Assembly, type.Type.FullName)) && !minimalApi)
                || NotHandlerWords.Any(w => name.Contains(w, StringComparison.Ordinal))
                || type.BaseTypes.Any(b => NotHandlerBases.Contains(b, StringComparer.Ordinal)))
            {
                continue;
            }

            // A minimal API's route handlers are often private static methods the Map call names.
            var publicMethods = type.Methods.Where(m => (m.IsPublic || minimalApi) && !IsPlumbing(m.Name) && !(minimalApi && m.Name.StartsWith("Map", StringComparison.Ordinal)))
                .OrderBy(m => m.Line).ToArray();
            var takingPayload = publicMethods.Where(m => IsHandlingName(m.Name) && m.ParameterTypes.Any(IsWebhookPayload)).ToArray();
            var receiving = publicMethods.Where(m => !IsManagementName(m.Name)
                && (m.ParameterTypes.Any(p => IsWebhookPayload(p) || IsEventPayload(p)) || IsHandlingName(m.Name) || IsHookName(m.Name))).ToArray();
            // Named for webhooks, or a minimal API class whose routes are all webhook routes (InboundEmailEndpoint mapping only
            // "/webhooks/inbound-email"): a class that also maps "/orders" does not make its order handlers webhook handlers.
            var webhookRoutesOnly = minimalApi && type.StringLiterals.Where(l => l.StartsWith('/')).All(l => ContainsIgnoreCase(l, "webhook"));
            var named = (webhookRoutesOnly || (ContainsIgnoreCase(name, "webhook") && EndsWithAny(name, HandlerSuffixes))) && receiving.Length > 0;
            var provider = type.Invokes("ConstructEvent") || type.StringLiterals.Any(IsSignatureHeader);
            if (!named && takingPayload.Length == 0 && !provider)
            {
                continue;
            }

            var methods = takingPayload.Length > 0 ? takingPayload
                : receiving.Where(m => m.ParameterTypes.Any(p => IsWebhookPayload(p) || IsEventPayload(p))).ToArray() is { Length: > 0 } withPayload ? withPayload
                : receiving.Length > 0 ? receiving
                : publicMethods;
            var payloads = methods.SelectMany(m => m.ParameterTypes).Where(p => IsWebhookPayload(p) || IsEventPayload(p))
                .Distinct(StringComparer.Ordinal).ToArray();
            handlers.Add(HandlerOf(type, methods, payloads));
        }

        // The handlers of the commands a webhook endpoint creates (a MediatR IRequestHandler, a Wolverine or Brighter
        // handler) handle the webhook's events too, whatever their name; so does the handler an endpoint gets injected
        // and calls with the event it parsed (PaymentEventHandler.HandleAsync(PaymentEvent) behind a webhook controller).
        var known = handlers.Select(h => h.Facts).ToHashSet(ReferenceEqualityComparer.Instance);
        foreach (var endpoint in handlers.ToArray())
        {
            // A domain entity taking a value the endpoint creates (Invoice.ApplyPayment(Money)) is what the handler changes,
            // not a handler of the webhook.
            foreach (var type in suite.Production.Where(p => p.Kind == "class" && !known.Contains(p) && !abstractOrStatic.Contains((p.Type.Assembly, p.Type.FullName))
                && !IsInDomain(p)))
            {
                // Injected through the constructor, or as a parameter of the handling method (a minimal API route handler's services).
                var injected = endpoint.Facts.DependencyTypes.Contains(type.Type.SimpleName, StringComparer.Ordinal)
                    || type.BaseTypes.Any(b => endpoint.Facts.DependencyTypes.Contains(b, StringComparer.Ordinal))
                    || endpoint.Methods.Any(m => m.ParameterTypes.Contains(type.Type.SimpleName, StringComparer.Ordinal));
                var methods = type.Methods.Where(m => m.IsPublic && IsHandlingName(m.Name)
                    && (m.ParameterTypes.Any(endpoint.Creates)
                        || (injected && endpoint.Facts.InvokedMembers.Contains(m.Name, StringComparer.Ordinal) && m.ParameterTypes.Any(p => IsWebhookPayload(p) || IsEventPayload(p)))))
                    .ToArray();
                if (methods.Length > 0)
                {
                    known.Add(type);
                    handlers.Add(HandlerOf(type, methods, methods.SelectMany(m => m.ParameterTypes)
                        .Where(p => endpoint.Creates(p) || IsWebhookPayload(p) || IsEventPayload(p)).Distinct(StringComparer.Ordinal).ToArray()));
                }
            }
        }

        return handlers.OrderBy(h => h.Facts.Type.FullName, StringComparer.Ordinal).ToArray();
    }

    /// <summary>A handler of <paramref name="payloads"/>: its stem, and as effects the dependencies that are not plumbing.</summary>
    private static WebhookHandler HandlerOf(ProductionFacts type, MethodFacts[] methods, string[] payloads)
    {
        var name = type.Type.SimpleName;
        var stem = StemOf(name);
        return new WebhookHandler(
            type,
            stem,
            SplitWords(stem).Where(w => !w.StartsWith("webhook", StringComparison.Ordinal)).ToArray(),
            methods,
            payloads,
            type.DependencyTypes.Where(d => !NotEffects.Contains(d) && !payloads.Contains(d, StringComparer.Ordinal) && d != name && char.IsUpper(d[0]))
                .Distinct(StringComparer.Ordinal).ToArray());
    }

    /// <summary>
    /// A static class that maps a webhook route in a minimal API (<c>app.MapPost("/webhooks/carrier", HandleAsync)</c>):
    /// static, but its route handler receives the webhook.
    /// </summary>
    private static bool IsMinimalApiWebhookEndpoints(ProductionFacts type) =>
        (type.Invokes("MapPost") || type.Invokes("MapPut") || type.Invokes("MapMethods"))
        && (ContainsIgnoreCase(type.Type.SimpleName, "webhook") || type.StringLiterals.Any(l => ContainsIgnoreCase(l, "webhook")));

    private static bool IsManagementName(string method) =>
        ManagementPrefixes.Any(p => method.StartsWith(p, StringComparison.Ordinal) && (method.Length == p.Length || char.IsUpper(method[p.Length])));

    /// <summary>An action named for what it receives: <c>NewWebhook</c>, <c>Webhook</c>, <c>StripeEvent</c>, <c>PaymentNotification</c>.</summary>
    private static bool IsHookName(string method) =>
        ContainsIgnoreCase(method, "hook") || method.Contains("Event", StringComparison.Ordinal) || method.Contains("Notification", StringComparison.Ordinal)
        || method.Contains("Callback", StringComparison.Ordinal);

    private static bool IsPlumbing(string method) =>
        method is "Dispose" or "DisposeAsync" or "ToString" or "Equals" or "GetHashCode" or "Deconstruct";

    private static bool IsHandlingName(string method) =>
        HandlingPrefixes.Any(p => method.StartsWith(p, StringComparison.Ordinal) && (method.Length == p.Length || char.IsUpper(method[p.Length])));

    /// <summary>
    /// A type named for a webhook that is data, not a collaborator or configuration: <c>PaymentWebhook</c>,
    /// <c>StripeWebhookPayload</c>, <c>WebhookData</c>; not <c>IWebhookVerifier</c>, <c>WebhookOptions</c>, <c>WebhookSubscriptionRequest</c>.
    /// </summary>
    internal static bool IsWebhookPayload(string type) =>
        ContainsIgnoreCase(type, "webhook") && !EndsWithAny(type, NotPayloadSuffixes) && !(type.Length > 1 && type[0] == 'I' && char.IsUpper(type[1]))
        && !NotPayloadWords.Any(w => type.Contains(w, StringComparison.Ordinal));

    private static bool IsEventPayload(string type) => EndsWithAny(type, EventPayloadSuffixes);

    private static bool IsSignatureHeader(string literal) =>
        literal.Length <= 64 && !literal.Contains(' ', StringComparison.Ordinal)
        && (ContainsIgnoreCase(literal, "-signature") || ContainsIgnoreCase(literal, "hmac-sha256"));

    private static string StemOf(string name)
    {
        foreach (var suffix in HandlerSuffixes.OrderByDescending(s => s.Length))
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal) && name.Length > suffix.Length)
            {
                return name[..^suffix.Length];
            }
        }

        return name;
    }

    private static IEnumerable<string> SplitWords(string name)
    {
        var start = 0;
        for (var i = 1; i <= name.Length; i++)
        {
            if (i == name.Length || char.IsUpper(name[i]))
            {
                if (i - start >= 3)
                {
                    yield return name[start..i].ToLowerInvariant();
                }

                start = i;
            }
        }
    }
}
