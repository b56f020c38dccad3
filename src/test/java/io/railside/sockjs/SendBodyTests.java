package io.railside.sockjs;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SendBody}.
 */
class SendBodyTests {

	@Test
	void boundsASendBySixTimesTheFrameLimitAndItsFraming() {
		assertThat(SendBody.limit(DataSize.ofKilobytes(64))).isEqualTo(6 * 65536 + 1024);
	}

	@Test
	void readsABodyOfExactlyTheLimit() throws IOException {
		MockHttpServletRequest request = chunked(100);
		assertThat(SendBody.read(request, 100)).hasSize(100);
	}

	@Test
	void stopsReadingABodyWithoutLengthOneBytePastTheLimit() throws IOException {
		MockHttpServletRequest request = chunked(10_000);
		assertThat(SendBody.read(request, 100)).isNull();
		assertThat(request.getInputStream().readAllBytes()).as("left unread").hasSize(10_000 - 101);
	}

	@Test
	void refusesADeclaredLengthPastTheLimitWithoutReadingAByte() throws IOException {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/sockjs/000/abc/xhr_send");
		request.setContent(new byte[101]);
		assertThat(request.getContentLengthLong()).isEqualTo(101);
		assertThat(SendBody.read(request, 100)).isNull();
		assertThat(request.getInputStream().readAllBytes()).as("left unread").hasSize(101);
	}

	@Test
	void replaysTheBodyItRead() throws IOException {
		byte[] body = SendBody.read(chunked(50), 100);
		assertThat(body).isNotNull();
		var replayed = SendBody.replay(new MockHttpServletRequest(), body);
		assertThat(replayed.getContentLength()).isEqualTo(50);
		assertThat(replayed.getInputStream().readAllBytes()).isEqualTo(body);
	}

	private static MockHttpServletRequest chunked(int length) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/sockjs/000/abc/xhr_send") {

			@Override
			public long getContentLengthLong() {
				return -1;
			}

			@Override
			public int getContentLength() {
				return -1;
			}

		};
		request.setContent(new byte[length]);
		return request;
	}

}
