package org.nestguard.agent.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The one way every reader moves a {@link ProfileCursor} on: check that the last collected visit is still there
 * with the same time (else history was cleared), then take at most {@code limit} visits after it, by id while the
 * cursor's visit stands, by time once it has gone, so ids a browser reuses after a clear never hide new visits and
 * older visits are never collected twice. A read returns a list or streams its rows to a {@link VisitSink}.
 *
 * @param anchorSql one parameter (the visit id): selects that visit's raw time
 * @param byIdSql   two parameters (last id, row limit): visits with a larger id, in id order
 * @param byTimeSql two parameters (last raw time, row limit): visits with a later time, in id order
 * @param rows      turns a row of either query into a visit
 */
record CursorRead(String anchorSql, String byIdSql, String byTimeSql, RowReader rows) {

    /** Reads one visit from the current row of a result set. */
    interface RowReader {
        RawVisit read(ResultSet row) throws SQLException;
    }

    HistoryRead after(Connection db, ProfileCursor from, int limit) throws SQLException {
        List<RawVisit> visits = new ArrayList<>();
        StreamedRead read = stream(db, from, limit, visits::add);
        return new HistoryRead(visits, read.next(), read.cleared(), read.more());
    }

    /** As {@link #after}, each visit handed to {@code sink} as its row is read, so no more than one is held here. */
    StreamedRead stream(Connection db, ProfileCursor from, int limit, VisitSink sink) throws SQLException {
        boolean cleared = from.anchored() && !anchorStands(db, from);
        boolean byTime = cleared || !from.anchored();
        RawVisit last = null;
        int taken = 0;
        boolean more = false;
        try (PreparedStatement query = db.prepareStatement(byTime ? byTimeSql : byIdSql)) {
            query.setLong(1, byTime ? from.lastVisitTime() : from.lastVisitId());
            query.setLong(2, limit + 1L); // one more than wanted tells whether more are waiting
            try (ResultSet row = query.executeQuery()) {
                sink.begin(cleared);
                while (row.next()) {
                    if (taken == limit) {
                        more = true;
                        break;
                    }
                    RawVisit visit = rows.read(row);
                    if (!sink.take(visit)) {
                        more = true;
                        break;
                    }
                    last = visit;
                    taken++;
                }
            }
        }
        ProfileCursor next;
        if (last != null) {
            next = new ProfileCursor(last.id(), last.rawTime());
        } else {
            next = cleared ? ProfileCursor.timeOnly(from.lastVisitTime()) : from;
        }
        return new StreamedRead(next, cleared, more);
    }

    private boolean anchorStands(Connection db, ProfileCursor from) throws SQLException {
        try (PreparedStatement query = db.prepareStatement(anchorSql)) {
            query.setLong(1, from.lastVisitId());
            try (ResultSet row = query.executeQuery()) {
                return row.next() && row.getLong(1) == from.lastVisitTime();
            }
        }
    }
}
