package io.railside.sessions;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ClientAddress}: an IPv4 address counts alone, an IPv6 address by its
 * /64.
 */
class ClientAddressTests {

	@ParameterizedTest
	@CsvSource({ "203.0.113.7, 203.0.113.7", "127.0.0.1, 127.0.0.1", "2001:db8:1:2:3:4:5:6, 2001:db8:1:2::/64",
			"2001:db8:1:2::ffff, 2001:db8:1:2::/64", "2001:0db8:0001:0002:0000:0000:0000:0001, 2001:db8:1:2::/64",
			"::1, 0:0:0:0::/64", "'[2001:db8::1]', 2001:db8:0:0::/64" })
	void keysAnAddress(String address, String key) {
		assertThat(ClientAddress.key(address)).isEqualTo(key);
	}

}
