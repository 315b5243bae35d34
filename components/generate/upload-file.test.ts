import { describe, expect, it } from "vitest";
import { ApiRequestError } from "@/lib/queries/api-fetch";
import { describeUploadError } from "./upload-file";

describe("describeUploadError", () => {
  it("shows the quota sentence the server wrote, not the size limit", () => {
    const message =
      "file: upload quota reached — your uploads use 480.2 MB of 500 MB and this file is 25.0 MB. Uploads are deleted 7 days after upload, which frees the space; until then, paste a public URL instead";
    expect(describeUploadError(new ApiRequestError(413, "invalid_request", message))).toBe(
      "Upload quota reached — your uploads use 480.2 MB of 500 MB and this file is 25.0 MB. Uploads are deleted 7 days after upload, which frees the space; until then, paste a public URL instead",
    );
  });

  it("explains a file over the size limit", () => {
    expect(
      describeUploadError(new ApiRequestError(413, "invalid_request", "file: larger than 25 MB")),
    ).toBe("That file is too large: uploads take up to 25 MB.");
  });
});
