package dev.vigil.libc;

/**
 * What {@link LibC#recvmsg} filled.
 *
 * @param length bytes of data (more than the buffer when MSG_TRUNC was asked and it was cut)
 * @param controlLength bytes of ancillary data in the control buffer
 * @param flags msg_flags (MSG_TRUNC, MSG_CTRUNC...)
 */
public record Received(int length, int controlLength, int flags) {
}
