package org.pilegate.ocpp16.internal.rpc;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

import org.pilegate.api.error.ErrorCode;
import org.pilegate.api.error.Refusal;
import org.pilegate.api.work.GatewayThreads;
import org.pilegate.api.work.Lane;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One OCPP-J connection's RPC: the peer's CALLs are answered one at a time in the order they came, each checked
 * against its schema before a handler sees it and each answer checked before it goes out; a CALL whose id was
 * answered already gets the same answer again and is not carried out twice. The gateway's own CALLs go out one at a
 * time, the next once the last was answered or timed out. A peer that keeps sending what must be refused is
 * disconnected.
 */
public final class RpcEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(RpcEndpoint.class);
    /** How many answers are kept for repeated CALL ids: a retry comes soon after its original. */
    private static final int REMEMBERED_ANSWERS = 64;
    /**
     * How many of the peer's CALLs may wait for their answer at once. OCPP-J allows one; a few more are a peer's
     * retries. Beyond these the peer floods: its CALLs are refused, count against its budget, and take no more of
     * the shared workers than one at a time, so other charge points are not slowed.
     */
    static final int MAX_WAITING_CALLS = 8;

    /** Where frames go; both may be called from any thread. */
    public interface Transport {
        void send(String text);

        void close(short status, String reason);
    }

    /** Carries out the peer's CALLs; fails with an {@link RpcException} to answer a CALLERROR of its choice. */
    @FunctionalInterface
    public interface Dispatcher {
        CompletionStage<ObjectNode> handle(String action, ObjectNode payload);
    }

    private record Outgoing(String id, String action, ObjectNode payload, CompletableFuture<ObjectNode> answer) {
    }

    private final String peer;
    private final FrameCodec codec;
    private final OcppSchemas schemas;
    private final Transport transport;
    private final Dispatcher dispatcher;
    private final Lane lane;
    private final GatewayThreads threads;
    private final Duration callTimeout;
    private final RefusalBudget refusals;
    private final Map<String, CompletableFuture<String>> answers = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CompletableFuture<String>> eldest) {
            return size() > REMEMBERED_ANSWERS;
        }
    };
    private final Queue<Outgoing> waiting = new ArrayDeque<>(); // guarded by this
    private Outgoing outstanding; // guarded by this
    private final AtomicInteger waitingCalls = new AtomicInteger();
    private boolean closed; // guarded by this

    public RpcEndpoint(String peer, FrameCodec codec, OcppSchemas schemas, Transport transport, Dispatcher dispatcher,
            GatewayThreads threads, Duration callTimeout, RefusalBudget refusals) {
        this.peer = peer;
        this.codec = codec;
        this.schemas = schemas;
        this.transport = transport;
        this.dispatcher = dispatcher;
        this.threads = threads;
        this.lane = new Lane(threads.workers());
        this.callTimeout = callTimeout;
        this.refusals = refusals;
    }

    /** A text frame from the peer, on any thread. */
    public void receive(String text) {
        RpcFrame frame;
        try {
            frame = codec.decode(text);
        } catch (FrameCodec.Refused refused) {
            refuse(refused.answer());
            return;
        }
        if (frame instanceof RpcFrame.Call call) {
            if (waitingCalls.incrementAndGet() > MAX_WAITING_CALLS) {
                waitingCalls.decrementAndGet();
                refuse(new RpcFrame.CallError(call.id(), RpcErrorCode.GenericError, call.action() + ": "
                        + MAX_WAITING_CALLS + " CALLs wait for their answer already; send the next once answered",
                        codec.json().createObjectNode()));
                return;
            }
            lane.submit(() -> answer(call)).whenComplete((sent, failure) -> waitingCalls.decrementAndGet());
        } else {
            settle(frame);
        }
    }

    /**
     * Sends a CALL once the ones before it were answered.
     *
     * @return the peer's answer, checked against the action's response schema; fails with an {@link RpcException}
     *         for a CALLERROR or an answer that breaks the schema, with a {@link Refusal} when the peer did not
     *         answer in time or the connection closed
     */
    public CompletionStage<ObjectNode> call(String action, ObjectNode payload) {
        schemas.checkRequest(action, payload).ifPresent(breach -> {
            throw new IllegalArgumentException("the gateway's own " + action + " breaks the schema: "
                    + breach.getMessage());
        });
        Outgoing call = new Outgoing(UUID.randomUUID().toString(), action, payload, new CompletableFuture<>());
        synchronized (this) {
            if (closed) {
                return CompletableFuture.failedFuture(offline());
            }
            waiting.add(call);
        }
        sendNext();
        return call.answer();
    }

    /** Closes the connection normally, e.g. when the charge point is unregistered or reconnected elsewhere. */
    public void close(String reason) {
        transport.close((short) 1000, reason);
    }

    /** The connection ended: CALLs not answered fail, answers to the peer are dropped. */
    public void closed() {
        Queue<Outgoing> failed = new ArrayDeque<>();
        synchronized (this) {
            closed = true;
            if (outstanding != null) {
                failed.add(outstanding);
                outstanding = null;
            }
            failed.addAll(waiting);
            waiting.clear();
        }
        failed.forEach(call -> call.answer().completeExceptionally(offline()));
    }

    private CompletionStage<String> answer(RpcFrame.Call call) {
        CompletableFuture<String> reply;
        synchronized (answers) {
            CompletableFuture<String> earlier = answers.get(call.id());
            if (earlier != null) {
                LOG.debug("{}: CALL {} came again, answered as before", peer, call.id());
                return earlier.thenApply(text -> send(text));
            }
            reply = new CompletableFuture<>();
            answers.put(call.id(), reply);
        }
        Optional<RpcException> breach = schemas.checkRequest(call.action(), call.payload());
        CompletionStage<ObjectNode> outcome = breach.isPresent()
                ? CompletableFuture.failedFuture(breach.get())
                : carryOut(call);
        outcome.whenComplete((payload, failure) -> reply.complete(codec.encode(failure == null
                ? result(call, payload)
                : error(call, Lane.unwrapped(failure)))));
        return reply.thenApply(text -> send(text));
    }

    private CompletionStage<ObjectNode> carryOut(RpcFrame.Call call) {
        try {
            return dispatcher.handle(call.action(), call.payload());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private RpcFrame result(RpcFrame.Call call, ObjectNode payload) {
        Optional<RpcException> breach = schemas.checkResponse(call.action(), payload);
        if (breach.isPresent()) {
            LOG.error("{}: the answer to {} breaks its schema: {}: {}", peer, call.action(), breach.get().getMessage(),
                    payload);
            return new RpcFrame.CallError(call.id(), RpcErrorCode.InternalError, "the central system could not"
                    + " answer " + call.action(), codec.json().createObjectNode());
        }
        return new RpcFrame.CallResult(call.id(), payload);
    }

    private RpcFrame.CallError error(RpcFrame.Call call, Throwable failure) {
        if (failure instanceof RpcException refused) {
            if (refused.code() != RpcErrorCode.NotSupported) {
                refusals.count(this::tooManyRefusals);
            }
            return new RpcFrame.CallError(call.id(), refused.code(), call.action() + ": " + refused.getMessage(),
                    codec.json().createObjectNode());
        }
        if (failure instanceof Refusal refusal) {
            return new RpcFrame.CallError(call.id(), RpcErrorCode.InternalError, call.action() + ": "
                    + refusal.code().code() + ": " + refusal.getMessage(), codec.json().createObjectNode());
        }
        String reference = UUID.randomUUID().toString().substring(0, 8);
        LOG.error("{}: {} failed (reference {})", peer, call.action(), reference, failure);
        return new RpcFrame.CallError(call.id(), RpcErrorCode.InternalError, call.action() + ": "
                + ErrorCode.INTERNAL_ERROR.code() + ", reference " + reference, codec.json().createObjectNode());
    }

    private void refuse(RpcFrame.CallError answer) {
        LOG.debug("{}: refused a frame: {}", peer, answer.description());
        send(codec.encode(answer));
        refusals.count(this::tooManyRefusals);
    }

    private void tooManyRefusals() {
        LOG.warn("{}: disconnected after {} refused messages within a minute", peer, refusals.limit());
        transport.close((short) 1008, "too many invalid messages");
    }

    private void settle(RpcFrame frame) {
        Outgoing call;
        synchronized (this) {
            if (outstanding == null || !outstanding.id().equals(frame.id())) {
                LOG.debug("{}: an answer to no CALL of ours ({}) is ignored", peer, frame.id());
                return;
            }
            call = outstanding;
            outstanding = null;
        }
        if (frame instanceof RpcFrame.CallResult result) {
            Optional<RpcException> breach = schemas.checkResponse(call.action(), result.payload());
            if (breach.isPresent()) {
                call.answer().completeExceptionally(breach.get());
            } else {
                call.answer().complete(result.payload());
            }
        } else if (frame instanceof RpcFrame.CallError error) {
            call.answer().completeExceptionally(new RpcException(error.code(), error.description()));
        }
        sendNext();
    }

    private void sendNext() {
        Outgoing next;
        synchronized (this) {
            if (outstanding != null || closed || waiting.isEmpty()) {
                return;
            }
            next = waiting.poll();
            outstanding = next;
        }
        threads.after(callTimeout, () -> timeOut(next));
        send(codec.encode(new RpcFrame.Call(next.id(), next.action(), next.payload())));
    }

    private void timeOut(Outgoing call) {
        synchronized (this) {
            if (outstanding != call) {
                return;
            }
            outstanding = null;
        }
        call.answer().completeExceptionally(new Refusal(ErrorCode.CHARGE_POINT_REFUSED, peer + " did not answer "
                + call.action() + " within " + callTimeout.toSeconds() + " s"));
        sendNext();
    }

    private String send(String text) {
        transport.send(text);
        return text;
    }

    private Refusal offline() {
        return new Refusal(ErrorCode.CHARGE_POINT_OFFLINE, peer + " is not connected");
    }
}
