/**
 * The lean test database has every reference table except the postcode directory: the shipped
 * sample of 100,000 postcodes is most of the reference data's size and only tests that place
 * suppliers by postcode need it. Rather than leave `ref_postcodes` empty (a supplier would then be
 * placed by district only, and a figure come out silently wrong), it is replaced by a view that
 * raises an error naming the opt-in. `ref_datasets` records the sample as present, so that a
 * start of the service on this database does not try to load it.
 */
import type { Database } from '../../src/db/client.js';

/** Words in the error, for the test app to recognise it in the server log. */
export const NO_POSTCODES = 'This test database has no postcode directory';

export const NO_POSTCODES_MESSAGE =
  `${NO_POSTCODES} (ref_postcodes), so suppliers cannot be placed by postcode. ` +
  'Ask for the reference data: startTestApp({ reference: true }) or openTestDatabase({ reference: true }).';

const GUARD = `
  ALTER TABLE ref_postcodes RENAME TO anchorage_test_ref_postcodes;
  CREATE FUNCTION anchorage_test_no_postcodes() RETURNS SETOF anchorage_test_ref_postcodes
    LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION '${NO_POSTCODES_MESSAGE.replace(/'/g, "''")}';
    END $$;
  CREATE VIEW ref_postcodes AS SELECT * FROM anchorage_test_no_postcodes();
  INSERT INTO ref_datasets (name, rows, detail)
    VALUES ('postcodes-sample', 0, 'left out of the lean test database');
`;

const UNGUARD = `
  DROP VIEW ref_postcodes;
  DROP FUNCTION anchorage_test_no_postcodes();
  ALTER TABLE anchorage_test_ref_postcodes RENAME TO ref_postcodes;
  DELETE FROM ref_datasets WHERE name = 'postcodes-sample';
`;

/** Loads the other reference tables, then puts the guard in place of the postcode directory. */
export async function guardReferenceData(
  database: Database,
  loadOthers: (database: Database) => Promise<void>,
): Promise<void> {
  await database.withRawConnection((conn) => conn.exec(`BEGIN; ${GUARD} COMMIT;`));
  // With the sample recorded as present, only the other reference tables are loaded.
  await loadOthers(database);
}

/** Takes the guard away again (to load the whole reference data into the same database). */
export async function unguardReferenceData(database: Database): Promise<void> {
  await database.withRawConnection((conn) => conn.exec(`BEGIN; ${UNGUARD} COMMIT;`));
}
