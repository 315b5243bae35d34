import { describe, expect, it } from "vitest";
import { ApiRequestError } from "@/lib/queries/api-fetch";
import { describeUploadError, noUploadsMessage } from "./upload-file";

describe("describeUploadError", () => {
  it("shows the quota sentence the server wrote when the type says quota, not the size limit", () => {
    const message =
      "file: upload quota reached — your uploads use 480.2 MB of 500 MB and this file is 25.0 MB. Uploads are deleted 7 days after upload, which frees the space; until then, paste a public URL instead";
    const quota = new ApiRequestError({
      status: 413,
      type: "quota_exceeded",
      message,
      param: "file",
    });
    expect(describeUploadError(quota)).toBe(
      "Upload quota reached — your uploads use 480.2 MB of 500 MB and this file is 25.0 MB. Uploads are deleted 7 days after upload, which frees the space; until then, paste a public URL instead",
    );
  });

  it("explains a file over the size limit whatever the message says", () => {
    const tooLarge = new ApiRequestError({
      status: 413,
      type: "invalid_request",
      message: "upload quota",
      param: "file",
    });
    expect(describeUploadError(tooLarge)).toBe("That file is too large: uploads take up to 25 MB.");
  });

  it("says in plain words that this server takes no uploads (no setting names)", () => {
    const refused = new ApiRequestError({
      status: 409,
      type: "invalid_request",
      message: "set PUBLIC_URL to upload files",
    });
    expect(describeUploadError(refused)).toBe(noUploadsMessage);
    expect(noUploadsMessage).not.toMatch(/[A-Z]{2,}_[A-Z]+/);
  });
});
