package io.railside.limits;

/**
 * Stops start-up when limits contradict each other in a way that would refuse ordinary
 * clients (a byte burst smaller than the largest frame allowed), saying which settings to
 * change.
 */
class LimitSettingException extends RuntimeException {

	LimitSettingException(String message) {
		super(message);
	}

}
