package org.pilegate.api.session;

/**
 * Bills sessions that piles report after the fact ({@link ReportedSession}): each is recorded as a finished session,
 * priced by the tariff at its pile and paid from the wallet of its vehicle's account, once, however often it is
 * reported.
 */
public interface ReportedSessions {

    /**
     * Records, prices and pays a reported session; a session reported before is not billed again. Everything is
     * stored when this returns.
     *
     * @return the session as operators see it: PAID, or FINISHED with its fee still due (no account, a balance that
     *         does not cover it, or no wallet running)
     */
    SessionOverview report(ReportedSession session);
}
