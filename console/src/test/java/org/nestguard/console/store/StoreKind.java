package org.nestguard.console.store;

/** The two stores every repository test runs against. */
enum StoreKind {
    SQLITE,
    POSTGRESQL
}
