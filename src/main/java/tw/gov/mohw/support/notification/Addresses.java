package tw.gov.mohw.support.notification;

/** Mobile numbers and e-mail addresses as pages show them: enough to recognise, not to collect. */
final class Addresses {

    private Addresses() {
    }

    /** 0912***678 for a number, wa***@example.tw for an address. */
    static String masked(String channel, String address) {
        if (address == null) {
            return null;
        }
        if ("SMS".equals(channel)) {
            return address.length() == 10 ? address.substring(0, 4) + "***" + address.substring(7) : "***";
        }
        int at = address.indexOf('@');
        return at <= 0 ? "***" : address.substring(0, Math.min(2, at)) + "***" + address.substring(at);
    }

    /** A provider's answer may quote the number or the address: masked there too. */
    static String maskedWithin(String text) {
        if (text == null) {
            return null;
        }
        return text.replaceAll("(09\\d{2})\\d{3}(\\d{3})", "$1***$2")
                .replaceAll("([^\\s@<>\"]{0,2})[^\\s@<>\"]*@", "$1***@");
    }
}
