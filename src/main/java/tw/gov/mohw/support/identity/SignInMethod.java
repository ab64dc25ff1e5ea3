package tw.gov.mohw.support.identity;

/** How someone signed in, as the security log names it. */
public enum SignInMethod {
    /** 醫事人員卡 (HPC) or 醫事機構卡 (HOP). */
    HCA_CARD,
    /** 健保卡 inserted, with its 網路服務密碼. */
    NHI_CARD,
    /** 健保卡(無插卡): SMS code, then the NHI verification site. */
    NHI_NO_CARD,
    /** Staff: password and authenticator code. */
    STAFF_PASSWORD_TOTP,
    /** Staff: their own HPC card. */
    STAFF_HPC_CARD
}
