using Platform.Workers.Assignments.C4W3YoloCarDetection;

namespace Platform.Workers.Tests.Assignments.C4W3YoloCarDetection;

/// <summary>The box functions of spec §15 on hand-built inputs whose answers follow from the definitions.</summary>
public sealed class YoloBoxesTests
{
    [Fact]
    public void Iou_matches_the_notebook()
    {
        Assert.Equal(0.14285714285714285, YoloBoxes.Iou((2, 1, 4, 3), (1, 2, 3, 4)), 1e-15);
    }

    [Theory]
    [InlineData(1, 2, 3, 4, 5, 6, 7, 8)] // disjoint
    [InlineData(1, 1, 2, 2, 2, 2, 3, 3)] // touching at a corner
    [InlineData(1, 1, 3, 3, 2, 3, 3, 4)] // touching along an edge
    public void Iou_of_boxes_that_do_not_overlap_is_zero_as_in_the_2021_notebook(double a1, double b1, double c1, double d1, double a2, double b2, double c2, double d2)
    {
        Assert.Equal(0.0, YoloBoxes.Iou((a1, b1, c1, d1), (a2, b2, c2, d2)));
    }

    [Fact]
    public void Boxes_to_corners_gives_y1_x1_y2_x2()
    {
        var corners = YoloBoxes.ToCorners([0.5, 0.25, 0.1, 0.2], [0.2, 0.1, 0.4, 0.6]);

        Assert.Equal(new Corners(0.2, 0.4, 0.3, 0.6), Round(corners[0]));
        Assert.Equal(new Corners(-0.1, -0.1, 0.5, 0.3), Round(corners[1]));
    }

    [Fact]
    public void Filter_keeps_best_class_scores_at_or_above_the_threshold_in_input_order()
    {
        Corners[] boxes = [new(0, 0, 1, 1), new(1, 1, 2, 2), new(2, 2, 3, 3)];
        double[] confidence = [0.5, 0.9, 1.0];
        double[] probs = [0.3, 0.7, /* 0.35 < 0.6: dropped */ 0.2, 0.8, /* 0.72 */ 0.6, 0.4 /* 0.6: kept, threshold is inclusive */];

        var kept = YoloBoxes.Filter(confidence, boxes, probs, 0.6);

        Assert.Equal(2, kept.Count);
        Assert.Equal((0.9 * 0.8, 1, boxes[1]), (kept[0].Score, kept[0].ClassIndex, kept[0].Box));
        Assert.Equal((0.6, 0, boxes[2]), (kept[1].Score, kept[1].ClassIndex, kept[1].Box));
    }

    [Fact]
    public void Filter_refuses_inputs_of_different_box_counts()
    {
        var e = Assert.Throws<ArgumentException>(() => YoloBoxes.Filter([0.5, 0.5], [new Corners(0, 0, 1, 1)], [1, 1], 0.5));
        Assert.Contains("box_confidence", e.Message);
    }

    [Fact]
    public void Non_max_suppression_is_greedy_by_score_class_agnostic_and_capped()
    {
        ScoredBox[] boxes =
        [
            new(0.7, 2, new Corners(0, 0, 10, 10)),
            new(0.9, 5, new Corners(0, 1, 10, 11)), // IoU with the first 90/110 > 0.5: the first goes
            new(0.8, 2, new Corners(20, 20, 30, 30)),
            new(0.6, 2, new Corners(20, 25, 30, 35)), // IoU with the third 50/150 ≤ 0.5: stays
            new(0.5, 9, new Corners(50, 50, 60, 60)),
        ];

        var kept = YoloBoxes.NonMaxSuppression(boxes, maxBoxes: 3, iouThreshold: 0.5);

        Assert.Equal([0.9, 0.8, 0.6], kept.Select(k => k.Score));
        Assert.Equal([5, 2, 2], kept.Select(k => k.ClassIndex));
    }

    [Fact]
    public void Non_max_suppression_drops_only_overlaps_above_the_threshold()
    {
        ScoredBox[] boxes = [new(0.9, 0, new Corners(0, 0, 1, 2)), new(0.8, 0, new Corners(0, 1, 1, 4))]; // IoU 1/4

        Assert.Equal(2, YoloBoxes.NonMaxSuppression(boxes, 10, 0.25).Count);
        Assert.Single(YoloBoxes.NonMaxSuppression(boxes, 10, 0.2));
    }

    [Fact]
    public void Scale_multiplies_corners_by_the_image_height_and_width()
    {
        var scaled = YoloBoxes.Scale([new ScoredBox(1, 0, new Corners(0.5, 0.25, 1, 0.75))], 720, 1280).Single();

        Assert.Equal(new Corners(360, 320, 720, 960), scaled.Box);
    }

    [Fact]
    public void Pixel_boxes_round_half_up_and_clamp_to_the_image()
    {
        Assert.Equal((0, 3, 1280, 4), YoloBoxes.PixelBox(new Corners(2.5, -3.2, 4.49, 1400), 1280, 720));
        Assert.Equal((925, 285, 1045, 374), YoloBoxes.PixelBox(new Corners(284.5, 924.5, 373.5, 1044.5), 1280, 720));
    }

    [Fact]
    public void Head_decodes_cell_offsets_anchor_sizes_confidence_and_softmax()
    {
        // A 2x3 grid with one anchor and two classes: all raw values 0 except cell (row 1, column 2).
        var features = new float[2 * 3 * 7];
        var cell = (1 * 3 + 2) * 7;
        features[cell + 2] = (float)Math.Log(2); // t_w: width doubles
        features[cell + 4] = 100; // t_o: confidence ~1
        features[cell + 6] = (float)Math.Log(3); // class 1 logit: probabilities 1/4, 3/4

        var head = YoloHead.Decode(features, 2, 3, [(1.5, 0.5)], 2);

        Assert.Equal([(0.5 + 0) / 3, (0.5 + 0) / 2], head.BoxXy[..2]);
        Assert.Equal((0.5 + 2) / 3, head.BoxXy[10], 12);
        Assert.Equal((0.5 + 1) / 2, head.BoxXy[11], 12);
        Assert.Equal(2 * 1.5 / 3, head.BoxWh[10], 6);
        Assert.Equal(0.5 / 2, head.BoxWh[11], 12);
        Assert.Equal(0.5, head.BoxConfidence[0]);
        Assert.Equal(1.0, head.BoxConfidence[5], 12);
        Assert.Equal(0.75, head.BoxClassProbs[11], 6);
    }

    [Fact]
    public void Eval_finds_the_constructed_boxes_in_image_pixels()
    {
        // 19x19x5x85 outputs where two anchors are confident: a car at cell (row 9, column 3) with anchor 2, and a bus at
        // (row 9, column 4) with the same anchor, overlapping it heavily and scoring lower, which NMS removes; a traffic
        // light far away with anchor 0 stays.
        var anchors = new (double, double)[] { (0.57273, 0.677385), (1.87446, 2.06253), (3.33843, 5.47434), (7.88282, 3.52778), (9.77052, 9.16828) };
        var features = new float[19 * 19 * 5 * 85];
        Array.Fill(features, -10f); // low confidence and equal class logits everywhere
        Set(features, 9, 3, 2, confidence: 10, classIndex: 2);
        Set(features, 9, 4, 2, confidence: 2, classIndex: 5);
        Set(features, 0, 18, 0, confidence: 5, classIndex: 9);

        var boxes = YoloBoxes.Eval(YoloHead.Decode(features, 19, 19, anchors, 80), 720, 1280, scoreThreshold: 0.6);

        Assert.Equal([2, 9], boxes.Select(b => b.ClassIndex));
        var car = boxes[0].Box;
        var expectedCar = CentreBox((0.5 + 3) / 19, (0.5 + 9) / 19, 3.33843 / 19, 5.47434 / 19);
        Assert.Equal(expectedCar, Round(car));
        var trafficLight = YoloBoxes.PixelBox(boxes[1].Box, 1280, 720);
        Assert.Equal((6, 1266), (trafficLight.Top, trafficLight.Right)); // (0.5 - 0.677385/2)/19·720 = 6.1; (18.5 + 0.57273/2)/19·1280 = 1265.6
    }

    private static void Set(float[] features, int row, int column, int anchor, float confidence, int classIndex)
    {
        var offset = ((row * 19 + column) * 5 + anchor) * 85;
        features.AsSpan(offset, 4).Clear(); // t_xy = 0: centre of the cell; t_wh = 0: the anchor's size
        features[offset + 4] = confidence;
        features[offset + 5 + classIndex] = 20;
    }

    private static Corners CentreBox(double x, double y, double w, double h) =>
        Round(new Corners((y - h / 2) * 720, (x - w / 2) * 1280, (y + h / 2) * 720, (x + w / 2) * 1280));

    private static Corners Round(Corners c) => new(Math.Round(c.Y1, 6), Math.Round(c.X1, 6), Math.Round(c.Y2, 6), Math.Round(c.X2, 6));
}
