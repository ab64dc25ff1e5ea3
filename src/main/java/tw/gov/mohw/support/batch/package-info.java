/**
 * 批次報備: the files an institution clerk exchanges with the system to file many reports at once — the template to
 * fill in, the upload read back as rows of text (xlsx or CSV, vetted before any parser sees it), and the result
 * file that tells each row's outcome. Only file input and output lives here; the rows are parsed into reports by
 * the same rules as the filing pages.
 */
package tw.gov.mohw.support.batch;
