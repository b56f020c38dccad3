package io.railside.bench.load;

import java.util.BitSet;

import io.railside.bench.client.MessageListener;
import io.railside.bench.client.StompSession;
import io.railside.bench.stomp.StompFrame;
import io.railside.bench.stomp.StompHeaders;

import io.netty.buffer.ByteBuf;
import org.jspecify.annotations.Nullable;

/**
 * One subscriber of the replay scenario, across its two sessions. In the first it keeps
 * the position of the last probe it had, as a client that resumes keeps its last
 * position; in the second it resumes from there and counts what comes back: each missed
 * message once and in order, the RECEIPT's answer, and whether the server cut it off. Its
 * listeners run on one event loop at a time; the scenario reads what they record.
 */
public final class ResumingSubscriber implements MessageListener {

	static final String EPOCH_HEADER = "railside-epoch";

	static final String OFFSET_HEADER = "railside-offset";

	/** What {@link #answer()} says for a RECEIPT with {@code railside-recovered:true}. */
	public static final String RECOVERED = "recovered";

	private final long run;

	private final int messages;

	private final BitSet seen;

	private volatile @Nullable StompSession session;

	private volatile @Nullable String epoch;

	private volatile @Nullable String offset;

	private volatile long lastProbe = -1;

	private long lastSeq = -1;

	private volatile int received;

	private volatile long duplicates;

	private volatile long outOfOrder;

	private volatile long receiptNanos;

	private volatile @Nullable String answer;

	private volatile long doneNanos;

	private volatile @Nullable String cutOff;

	private volatile boolean closing;

	private volatile long lastArrivalNanos;

	/**
	 * A subscriber that will miss a run of messages.
	 * @param run the run number the missed messages carry
	 * @param messages how many it misses, numbered from 0
	 */
	public ResumingSubscriber(long run, int messages) {
		this.run = run;
		this.messages = messages;
		this.seen = new BitSet(messages);
	}

	@Override
	public void onMessage(ByteBuf buffer, int bodyStart, int bodyEnd) {
		onMessage(buffer, bodyStart, bodyStart, bodyEnd);
	}

	@Override
	public void onMessage(ByteBuf buffer, int frameStart, int bodyStart, int bodyEnd) {
		long now = System.nanoTime();
		this.lastArrivalNanos = now;
		Payload payload = Payload.parse(buffer, bodyStart, bodyEnd);
		if (payload == null) {
			return;
		}
		if (payload.run() == 0) {
			this.epoch = StompHeaders.value(buffer, frameStart, bodyStart, EPOCH_HEADER);
			this.offset = StompHeaders.value(buffer, frameStart, bodyStart, OFFSET_HEADER);
			this.lastProbe = payload.seq();
		}
		else if (payload.run() == this.run) {
			count((int) payload.seq(), now);
		}
	}

	private void count(int seq, long now) {
		if (seq < 0 || seq >= this.messages) {
			return;
		}
		if (this.seen.get(seq)) {
			this.duplicates++;
			return;
		}
		this.seen.set(seq);
		if (seq != this.lastSeq + 1) {
			this.outOfOrder++;
		}
		this.lastSeq = seq;
		this.received++;
		if (this.received == this.messages) {
			this.doneNanos = now;
		}
	}

	void attach(@Nullable StompSession session) {
		this.session = session;
	}

	/**
	 * Sends the SUBSCRIBE that resumes after the kept position, asking for a RECEIPT;
	 * from now on an ERROR or a close by the server counts as a cut-off.
	 * @param destination the topic
	 * @param receipt the receipt id
	 * @return whether there was a session to send it on
	 */
	boolean resume(String destination, String receipt) {
		StompSession resumed = this.session;
		if (resumed == null || this.epoch == null || this.offset == null) {
			return false;
		}
		resumed.onFrame(this::frame);
		resumed.onClose(this::closed);
		resumed.send(StompFrame.of("SUBSCRIBE", "id", "0", "destination", destination, EPOCH_HEADER, this.epoch,
				OFFSET_HEADER, this.offset, "receipt", receipt));
		return true;
	}

	private void frame(StompFrame frame) {
		if ("RECEIPT".equals(frame.command())) {
			this.receiptNanos = System.nanoTime();
			this.answer = "true".equals(frame.header("railside-recovered")) ? RECOVERED
					: "not recovered: " + frame.header("railside-reason");
		}
		else if ("ERROR".equals(frame.command())) {
			this.cutOff = "ERROR " + frame.header("message");
		}
	}

	private void closed() {
		if (!this.closing && this.cutOff == null) {
			this.cutOff = "closed by the server";
		}
	}

	/**
	 * Closes the session without DISCONNECT or a WebSocket close: the abrupt drop of a
	 * network change or a closed laptop.
	 * @param onClosed what to run once it is closed
	 */
	void drop(Runnable onClosed) {
		StompSession dropped = this.session;
		this.session = null;
		if (dropped != null) {
			dropped.onClose(onClosed);
			dropped.close();
		}
		else {
			onClosed.run();
		}
	}

	/**
	 * Whether nothing more is to be waited for: every message arrived, the RECEIPT said
	 * nothing will be replayed, the server cut the session off, or there is none.
	 * @return whether settled
	 */
	boolean settled() {
		String said = this.answer;
		return this.received == this.messages || (said != null && !said.equals(RECOVERED)) || this.cutOff != null
				|| this.session == null;
	}

	boolean hasProbe(long probe) {
		return this.lastProbe == probe;
	}

	public boolean hasPosition() {
		return this.epoch != null && this.offset != null;
	}

	public int received() {
		return this.received;
	}

	public long duplicates() {
		return this.duplicates;
	}

	public long outOfOrder() {
		return this.outOfOrder;
	}

	/**
	 * What the RECEIPT said.
	 * @return {@code recovered}, {@code not recovered: <reason>}, or {@code null} if no
	 * RECEIPT came
	 */
	public @Nullable String answer() {
		return this.answer;
	}

	public long receiptNanos() {
		return this.receiptNanos;
	}

	/**
	 * When the last missed message arrived.
	 * @return {@link System#nanoTime()}, or 0 if not all arrived
	 */
	public long doneNanos() {
		return this.doneNanos;
	}

	public @Nullable String cutOff() {
		return this.cutOff;
	}

	public long lastArrivalNanos() {
		return this.lastArrivalNanos;
	}

	void close() {
		this.closing = true;
		StompSession open = this.session;
		if (open != null) {
			open.close();
		}
	}

}
