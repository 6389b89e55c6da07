package org.nestguard.agent.transport;

/** One HTTP answer from the console: its status and body, before the caller decides what it means. */
record ConsoleReply(int status, byte[] body) {
    boolean ok() {
        return status >= 200 && status < 300;
    }
}
