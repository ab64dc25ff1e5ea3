package tw.gov.mohw.support.notification;

/** How a notification travels. */
enum Channel { SMS, EMAIL }
